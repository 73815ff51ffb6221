package dev.confab.client.store;

/** The account this client is signed in as, and the device token the server gave it at login. */
public record StoredSession(String username, String token) {
}
