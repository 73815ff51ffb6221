package dev.confab.client.net;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import java.util.List;

/**
 * Hears what the engine applied and what the server acknowledged, on the client's callback executor, in the
 * order it happened. Every event is reported exactly once, in seq order, after it is stored locally.
 */
public interface ChatListener {
    /** Events just applied to the local store (the cursor already points at the last one). */
    default void onEvents(List<Event> events) {
    }

    /** The server stored the outbox message {@code clientMsgId} as {@code (conversationId, seq)}. */
    default void onAcknowledged(String clientMsgId, long conversationId, long seq) {
    }

    /** The server refused the message for good (for example an unknown recipient); it left the outbox. */
    default void onSendFailed(String clientMsgId, ErrorCode code, String message) {
    }
}
