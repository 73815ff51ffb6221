package dev.confab.protocol;

import java.util.List;

/** Descriptions of users, conversations and devices that replies and events carry. */
public final class Info {
    private Info() {
    }

    /**
     * A user as others see them.
     *
     * @param presence {@code online}, {@code away} or {@code offline}
     * @param lastSeen epoch ms the user was last connected; 0 if never, or while online
     */
    public record User(String username, String displayName, String presence, long lastSeen) {
    }

    public record Member(String username, String displayName, String role) {
    }

    /**
     * One of the caller's conversations.
     *
     * @param kind {@code direct} or {@code group}
     * @param name the group's name; null for a 1:1 conversation
     * @param peer the other user of a 1:1 conversation (the caller for a note-to-self); null for groups
     * @param shareHistory whether members added later can read earlier messages (always true for 1:1)
     * @param latestSeq the conversation's newest message seq (0 if none)
     * @param readSeq the caller's read marker, never below the first message the caller may see minus one
     * @param unread messages after the caller's read marker (never the caller's own)
     * @param lastMessage the newest message, or null
     */
    /* members: empty in group events of groups over 100 members (read them with conversations). */
    public record Conversation(long conversationId, String kind, String name, String peer, boolean shareHistory,
                               List<Member> members, long latestSeq, long readSeq, long unread,
                               Message lastMessage) {
        public Conversation {
            members = List.copyOf(members);
        }
    }

    /** A member's delivery and read markers in one conversation (every message up to the seq). */
    public record Receipt(String username, long delivered, long read) {
    }

    public record Device(long deviceId, String name, long createdAt, long lastSeenAt, boolean current,
                         boolean online) {
    }
}
