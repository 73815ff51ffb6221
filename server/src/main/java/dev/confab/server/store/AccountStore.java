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

    void updatePassword(long userId, String passwordHash);

    /** Revokes every active device of the user except {@code keepDeviceId}; returns the revoked ids. */
    List<Long> revokeOtherDevices(long userId, long keepDeviceId, long revokedAt);

    /** The 1:1 conversation of two users (the same user twice is a note-to-self), created on first use. */
    long directConversation(long userA, long userB);

    /** Members' user ids, or an empty list if the conversation does not exist. */
    List<Long> members(long conversationId);

    Optional<ConversationRecord> conversation(long conversationId);

    /** Ids of the conversations the user is a member of. */
    List<Long> conversationsOf(long userId);

    /** Creates a group; the creator is its admin. Members see all history from seq 1. */
    long createGroup(String name, long creatorId, List<Long> memberIds, boolean shareHistory, long createdAt);

    void renameGroup(long conversationId, String name);

    void addMembers(long conversationId, List<Long> userIds, long visibleFrom, long joinedAt);

    void removeMember(long conversationId, long userId);

    /** Makes a member an admin of the group. */
    void promote(long conversationId, long userId);

    void updateDisplayName(long userId, String displayName);

    /** Adds a contact; false if it already was one. */
    boolean addContact(long ownerId, long contactId, long addedAt);

    boolean removeContact(long ownerId, long contactId);

    List<Long> contacts(long ownerId);

    /** Users who have {@code userId} in their contacts. */
    List<Long> contactOwners(long userId);

    java.util.Map<String, String> settings(long userId);

    /** Merges settings (a null value deletes the key) and returns the result. */
    java.util.Map<String, String> putSettings(long userId, java.util.Map<String, String> changes);

    List<DeviceRecord> devices(long userId);

    @Override
    void close();

    record User(long id, String username, String passwordHash, String displayName, long createdAt) {
    }

    record Device(long id, long userId, String name, long createdAt) {
    }

    record DeviceRecord(long id, long userId, String name, long createdAt, long lastSeenAt, boolean revoked) {
    }

    /** @param role {@code admin} or {@code member}; @param visibleFrom first message seq the member may read */
    record MemberRecord(long userId, String role, long visibleFrom) {
    }

    /** @param kind {@code direct} or {@code group} */
    record ConversationRecord(long id, String kind, String name, boolean shareHistory, List<MemberRecord> members) {
        public ConversationRecord {
            members = List.copyOf(members);
        }
    }

    final class UsernameTakenException extends RuntimeException {
        public UsernameTakenException(String username) {
            super("username taken: " + username, null, false, false);
        }
    }
}
