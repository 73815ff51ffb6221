package dev.confab.server.chat;

/** An authenticated device: who is calling and from which device. */
public record Session(long userId, String username, long deviceId, String deviceName) {
}
