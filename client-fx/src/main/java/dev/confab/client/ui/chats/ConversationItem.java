package dev.confab.client.ui.chats;

/**
 * One row of the conversation list. A draft (a new 1:1 chat with no message yet) has
 * {@code conversationId == 0} and a {@code peer}.
 *
 * @param peer the other user of a 1:1 conversation; null for groups
 * @param presence the peer's {@code online}/{@code away}/{@code offline}, or null when unknown or a group
 * @param lastActivity epoch ms of the newest message, 0 if none
 */
public record ConversationItem(long conversationId, String peer, String title, boolean group, String preview,
                               String time, long lastActivity, long unread, String presence) {

    /** Stable identity across refreshes: the conversation, or the peer for a draft. */
    public String key() {
        return conversationId > 0 ? "c" + conversationId : "u" + peer;
    }

    public boolean draft() {
        return conversationId == 0;
    }

    ConversationItem withPresence(String value) {
        return new ConversationItem(conversationId, peer, title, group, preview, time, lastActivity, unread, value);
    }
}
