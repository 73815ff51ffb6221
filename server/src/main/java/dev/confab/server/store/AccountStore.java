package dev.confab.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Relational data: users, devices (one session token each), conversations and their members.
 * Implementations are thread safe and durable once a method returns.
 */
public interface AccountStore extends AutoCloseable {

    /** Creates a user; throws {@link UsernameTakenException} when the name is in use. */
    User createUser(String username, String passwordHash, String displayName, long createdAt);

    Optional<User> findUser(String username);

    Optional<User> findUser(long userId);

    Device createDevice(long userId, String name, String tokenHash, long createdAt);

    /** The device holding this token hash, if it exists and is not revoked. */
    Optional<Device> findActiveDevice(String tokenHash);

    void revokeDevice(long deviceId, long revokedAt);

    void touchDevice(long deviceId, long lastSeenAt);

    /** The 1:1 conversation of two users (the same user twice is a note-to-self), created on first use. */
    long directConversation(long userA, long userB);

    /** Members' user ids, or an empty list if the conversation does not exist. */
    List<Long> members(long conversationId);

    @Override
    void close();

    record User(long id, String username, String passwordHash, String displayName, long createdAt) {
    }

    record Device(long id, long userId, String name, long createdAt) {
    }

    final class UsernameTakenException extends RuntimeException {
        public UsernameTakenException(String username) {
            super("username taken: " + username, null, false, false);
        }
    }
}
