package dev.confab.client.store;

import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.Message;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * The client's durable state in an embedded H2 file database: session token, event cursor, outbox (and refused
 * messages), received messages, the conversation list with unread counts, and members' delivery and read
 * markers. {@code WRITE_DELAY=0} makes every commit reach the file before the call returns.
 * <p>Thread safe: every method holds the store's lock; calls are short local disk writes or reads.
 */
public final class LocalStore implements AutoCloseable {
    /** New conversations without messages first (just created or joined), then by newest message. */
    private static final Comparator<Info.Conversation> BY_ACTIVITY = Comparator
            .comparing((Info.Conversation c) -> c.lastMessage() != null)
            .thenComparing(c -> c.lastMessage() == null ? 0 : -c.lastMessage().sentAt())
            .thenComparing(c -> -c.conversationId());

    private final Sql sql;
    private final MessageRows messages;
    private final OutboxRows outbox;
    private final ConversationRows conversations;

    private LocalStore(Connection db) {
        this.sql = new Sql(db);
        this.messages = new MessageRows(sql);
        this.outbox = new OutboxRows(sql);
        this.conversations = new ConversationRows(sql);
    }

    /** Opens (creating or migrating) the store in {@code directory}; only one process may hold it open. */
    public static LocalStore open(Path directory) {
        return open("jdbc:h2:file:" + directory.resolve("confab-client").toAbsolutePath()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", directory.toString());
    }

    /** A store that lives in memory until closed: for benchmarks that run many headless clients. */
    public static LocalStore inMemory() {
        return open("jdbc:h2:mem:confab-" + UUID.randomUUID() + ";DB_CLOSE_ON_EXIT=FALSE", "memory");
    }

    private static LocalStore open(String url, String where) {
        try {
            // Connect before migrating, so an in-memory database outlives Flyway's own connections.
            Connection db = DriverManager.getConnection(url, "confab", "");
            Flyway.configure().dataSource(url, "confab", "")
                    .locations("classpath:dev/confab/client/store/migration").load().migrate();
            db.setAutoCommit(false);
            return new LocalStore(db);
        } catch (SQLException e) {
            throw new StoreException("cannot open the local store in " + where, e);
        }
    }

    public synchronized Optional<StoredSession> session() {
        return sql.read(() -> sql.one("SELECT username, token FROM client_state WHERE id = 1"
                + " AND username IS NOT NULL AND token IS NOT NULL", rs -> new StoredSession(rs.getString(1),
                rs.getString(2))));
    }

    /** The last signed-in username, even after its token was cleared; null on a fresh store. */
    public synchronized String username() {
        return sql.read(this::me);
    }

    /** Saves a new session; signing in as another user first forgets everything of the previous user. */
    public synchronized void saveSession(StoredSession session) {
        sql.transaction(() -> {
            String previous = me();
            if (previous != null && !previous.equals(session.username())) {
                for (String table : List.of("outbox", "failed_sends", "messages", "conversations", "markers")) {
                    sql.update("DELETE FROM " + table);
                }
                sql.update("UPDATE client_state SET event_cursor = 0 WHERE id = 1");
            }
            return sql.update("UPDATE client_state SET username = ?, token = ? WHERE id = 1", session.username(),
                    session.token());
        });
    }

    /** Forgets the token (revoked, or logged out); everything else stays for the same user's next login. */
    public synchronized void clearToken() {
        sql.transaction(() -> sql.update("UPDATE client_state SET token = NULL WHERE id = 1"));
    }

    /** The seq of the last applied event; 0 before any. */
    public synchronized long cursor() {
        return sql.read(this::currentCursor);
    }

    /** Starts the event stream over (the server said the cursor is beyond its stream). */
    public synchronized void resetCursor() {
        sql.transaction(() -> {
            sql.update("UPDATE conversations SET meta_cursor = 0");
            return sql.update("UPDATE client_state SET event_cursor = 0 WHERE id = 1");
        });
    }

    /**
     * Applies events in one transaction: stores their messages, updates conversations and markers, and moves
     * the cursor to the last one. The events must continue the stream exactly: the first has seq
     * {@code cursor() + 1}, and no gaps. The user's own messages leave the outbox in the same transaction.
     */
    public synchronized Applied apply(List<Event> events) {
        if (events.isEmpty()) {
            return Applied.NOTHING;
        }
        return sql.transaction(() -> {
            long cursor = currentCursor();
            EventBatch batch = new EventBatch(messages, conversations, outbox, me());
            for (Event event : events) {
                if (event.seq() != ++cursor) {
                    throw new IllegalArgumentException("event " + event.seq() + " does not follow " + (cursor - 1));
                }
                batch.apply(event);
            }
            Applied applied = batch.finish();
            sql.update("UPDATE client_state SET event_cursor = ? WHERE id = 1", cursor);
            return applied;
        });
    }

    /** Adds a message at the end of the outbox; durable when this returns. */
    public synchronized void enqueue(OutboxEntry entry) {
        sql.transaction(() -> {
            outbox.add(entry);
            return null;
        });
    }

    /** The oldest {@code limit} outbox entries, oldest first. */
    public synchronized List<OutboxEntry> outbox(int limit) {
        return sql.read(() -> outbox.oldest(limit));
    }

    public synchronized boolean inOutbox(String clientMsgId) {
        return sql.read(() -> outbox.get(clientMsgId).isPresent());
    }

    /** Removes an acknowledged message; true if it was still in the outbox. */
    public synchronized boolean removeFromOutbox(String clientMsgId) {
        return sql.transaction(() -> outbox.remove(clientMsgId));
    }

    /** Moves a message the server refused for good to the failed list; true if it was still in the outbox. */
    public synchronized boolean failSend(String clientMsgId, String errorCode, String errorMessage) {
        return sql.transaction(() -> outbox.fail(clientMsgId, errorCode, errorMessage));
    }

    public synchronized Optional<OutboxEntry> failedSend(String clientMsgId) {
        return sql.read(() -> outbox.failed(clientMsgId));
    }

    /** Refused messages, oldest first. */
    public synchronized List<OutboxEntry> failedSends() {
        return sql.read(outbox::allFailed);
    }

    /** Puts a refused message back at the end of the outbox, same clientMsgId; false if it is not failed. */
    public synchronized boolean retryFailed(String clientMsgId) {
        return sql.transaction(() -> outbox.retry(clientMsgId));
    }

    /** Up to {@code limit} stored messages of a conversation with {@code seq < beforeSeq}, oldest first. */
    public synchronized List<Message> history(long conversationId, long beforeSeq, int limit) {
        return sql.read(() -> messages.page(conversationId, beforeSeq, limit));
    }

    /** Stores messages fetched from the server's history (idempotent). */
    public synchronized void putMessages(List<Message> page) {
        sql.transaction(() -> {
            for (Message m : page) {
                messages.put(m);
            }
            return null;
        });
    }

    /** The seq of a stored message by its clientMsgId. */
    public synchronized Optional<Long> seqOf(long conversationId, String clientMsgId) {
        return sql.read(() -> messages.seqOf(conversationId, clientMsgId));
    }

    /** Cached conversations, including groups left (with no unread): new empty ones first, then newest message. */
    public synchronized List<Info.Conversation> conversations() {
        return sql.read(() -> conversations.all().stream().map(ConversationRow::toInfo).sorted(BY_ACTIVITY).toList());
    }

    public synchronized Optional<Info.Conversation> conversation(long conversationId) {
        return sql.read(() -> conversations.get(conversationId).map(ConversationRow::toInfo));
    }

    /** True for a cached group this user was removed from or left. */
    public synchronized boolean hasLeft(long conversationId) {
        return sql.read(() -> conversations.get(conversationId).map(ConversationRow::left).orElse(false));
    }

    /**
     * Merges the server's conversation list, asked for when the cursor was {@code askedAt}: names and members
     * from the reply unless a later group event already changed them, counters never backwards, and cached
     * groups missing from the list (and unchanged since {@code askedAt}) marked left.
     */
    public synchronized void mergeConversations(List<Info.Conversation> fromServer, long askedAt) {
        sql.transaction(() -> {
            Set<Long> listed = new HashSet<>();
            for (Info.Conversation c : fromServer) {
                listed.add(c.conversationId());
                conversations.put(conversations.get(c.conversationId()).map(r -> r.withReply(c, askedAt))
                        .orElseGet(() -> ConversationRow.blank(c).withSnapshot(c, true, 0)));
            }
            for (ConversationRow r : conversations.all()) {
                if (!listed.contains(r.id()) && "group".equals(r.kind()) && !r.left() && r.metaCursor() <= askedAt) {
                    conversations.put(r.asLeft());
                }
            }
            return null;
        });
    }

    /** A member's markers in a conversation (zeros if none is known). */
    public synchronized Info.Receipt marker(long conversationId, String username) {
        return sql.read(() -> conversations.marker(conversationId, username));
    }

    /** Every known member marker of a conversation. */
    public synchronized List<Info.Receipt> markers(long conversationId) {
        return sql.read(() -> conversations.markers(conversationId));
    }

    /** Merges markers from a receipts reply (never backwards). */
    public synchronized void mergeMarkers(long conversationId, List<Info.Receipt> receipts) {
        sql.transaction(() -> {
            for (Info.Receipt r : receipts) {
                conversations.raiseMarker(conversationId, r.username(), r.delivered(), r.read());
            }
            return null;
        });
    }

    @Override
    public synchronized void close() {
        try {
            sql.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the local store", e);
        }
    }

    private String me() throws SQLException {
        return sql.one("SELECT username FROM client_state WHERE id = 1", rs -> rs.getString(1)).orElse(null);
    }

    private long currentCursor() throws SQLException {
        return sql.one("SELECT event_cursor FROM client_state WHERE id = 1", rs -> rs.getLong(1)).orElse(0L);
    }
}
