package dev.confab.client.net;

import dev.confab.protocol.ServerFrame;

/**
 * Hears presence changes and typing notices that the server pushes on a WebSocket, on the client's callback
 * executor. They are not part of the event stream: nothing is replayed after a reconnect, and over long-poll
 * nothing is pushed at all: there, refresh presence with {@code contacts()} or {@code findUser()} (the
 * members listed by {@code conversations()} carry no presence), and typing notices are not available.
 */
public interface EphemeralListener {
    /** A contact or co-member went {@code online}, {@code away} or {@code offline}. */
    default void onPresence(ServerFrame.Presence presence) {
    }

    /** Someone is typing in a conversation; forget it after {@code expiresAt} (epoch ms, server clock). */
    default void onTyping(ServerFrame.TypingNotice typing) {
    }
}
