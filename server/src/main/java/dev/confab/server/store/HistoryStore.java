package dev.confab.server.store;

import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import java.util.List;
import java.util.Optional;

/**
 * Messages (key conversation ‖ seq) and per-user event streams (key user ‖ seq).
 * Reads are thread safe; {@link #commit} is called by one writer thread at a time.
 */
public interface HistoryStore extends AutoCloseable {

    /** Newest message seq of a conversation, 0 when it has none. */
    long latestMessageSeq(long conversationId);

    /** Newest event seq of a user's stream, 0 when it has none. */
    long latestEventSeq(long userId);

    /** The message a sender already stored under this clientMsgId, if any. */
    Optional<Message> findSent(long senderId, String clientMsgId);

    /** Writes everything atomically and durably (fsync) before returning. */
    void commit(List<NewMessage> messages, List<UserEvent> events, List<Marker> markers) throws StoreException;

    /** A member's delivered/read markers in a conversation; {0, 0} if none were ever set. */
    Marker marker(long conversationId, long userId);

    /** Every stored marker of a conversation. */
    List<Marker> markers(long conversationId);

    /** Up to {@code limit} messages with {@code seq < beforeExclusive}, oldest first. */
    List<Message> page(long conversationId, long beforeExclusive, int limit);

    /** Up to {@code limit} events of a user with {@code seq > afterExclusive}, oldest first. */
    List<Event> events(long userId, long afterExclusive, int limit);

    @Override
    void close();

    record NewMessage(long senderId, Message message) {
    }

    record UserEvent(long userId, Event event) {
    }

    /** Delivered and read markers: every message of the conversation up to that seq. */
    record Marker(long conversationId, long userId, long delivered, long read) {
    }

    /** A write that did not happen (disk full, I/O error); nothing of the batch is stored. */
    final class StoreException extends Exception {
        public StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
