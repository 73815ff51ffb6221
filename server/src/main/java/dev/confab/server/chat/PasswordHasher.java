package dev.confab.server.chat;

/** Memory-hard password hashing. Implementations are thread safe and CPU heavy: never call on a network thread. */
public interface PasswordHasher {
    String hash(String password);

    boolean verify(String password, String hash);
}
