package dev.confab.client.net;

/**
 * Hears that the cached conversation list changed (a message, a read marker, a group change, or a refresh from
 * the server), on the client's callback executor; read it again with {@code cachedConversations()}.
 */
@FunctionalInterface
public interface ConversationsListener {
    void onConversationsChanged();
}
