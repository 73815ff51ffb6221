package dev.confab.protocol;

/**
 * A stored chat message. {@code (conversationId, seq)} identifies it; {@code seq} is dense per conversation.
 *
 * @param to the recipient's username for a 1:1 conversation
 * @param sentAt server time the message became durable, epoch milliseconds
 */
public record Message(long conversationId, long seq, String from, String to, String clientMsgId, String body,
                      long sentAt) {
}
