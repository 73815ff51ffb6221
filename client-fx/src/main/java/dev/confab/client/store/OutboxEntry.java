package dev.confab.client.store;

/**
 * One message waiting in the outbox for the server's acknowledgement; exactly one of {@code to} and
 * {@code conversationId} is set.
 *
 * @param queuedAt wall-clock epoch milliseconds when the user sent it
 */
public record OutboxEntry(String clientMsgId, String to, Long conversationId, String body, long queuedAt) {
    public OutboxEntry {
        if ((to == null) == (conversationId == null)) {
            throw new IllegalArgumentException("exactly one of to and conversationId is required");
        }
    }
}
