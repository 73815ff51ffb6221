package dev.confab.client.store;

import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * The client's durable state in an embedded H2 file database: session token, event cursor, outbox and
 * received messages. {@code WRITE_DELAY=0} makes every commit reach the file before the call returns.
 * <p>Thread safe: every method holds the store's lock; calls are short local disk writes or reads.
 */
public final class LocalStore implements AutoCloseable {
    private final Connection db;

    private LocalStore(Connection db) {
        this.db = db;
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
        return sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT username, token FROM client_state WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                String username = rs.getString(1);
                String token = rs.getString(2);
                return username == null || token == null ? Optional.empty()
                        : Optional.of(new StoredSession(username, token));
            }
        });
    }

    /** The last signed-in username, even after its token was cleared; null on a fresh store. */
    public synchronized String username() {
        return sql(() -> queryString("SELECT username FROM client_state WHERE id = 1"));
    }

    /** Saves a new session; signing in as another user first forgets the old user's cursor, outbox and messages. */
    public synchronized void saveSession(StoredSession session) {
        transaction(() -> {
            String previous = queryString("SELECT username FROM client_state WHERE id = 1");
            if (previous != null && !previous.equals(session.username())) {
                update("DELETE FROM outbox");
                update("DELETE FROM messages");
                update("UPDATE client_state SET event_cursor = 0 WHERE id = 1");
            }
            try (PreparedStatement ps = db.prepareStatement(
                    "UPDATE client_state SET username = ?, token = ? WHERE id = 1")) {
                ps.setString(1, session.username());
                ps.setString(2, session.token());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets the token (it was revoked); the outbox and messages stay for the same user's next login. */
    public synchronized void clearToken() {
        transaction(() -> update("UPDATE client_state SET token = NULL WHERE id = 1"));
    }

    /** The seq of the last applied event; 0 before any. */
    public synchronized long cursor() {
        return sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT event_cursor FROM client_state WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Starts the event stream over (the server said the cursor is beyond its stream). */
    public synchronized void resetCursor() {
        transaction(() -> update("UPDATE client_state SET event_cursor = 0 WHERE id = 1"));
    }

    /**
     * Applies events in one transaction: stores their messages and moves the cursor to the last one.
     * The events must continue the stream exactly: the first has seq {@code cursor() + 1}, and no gaps.
     */
    public synchronized void apply(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        transaction(() -> {
            long cursor = cursor();
            String merge = "MERGE INTO messages (conversation_id, seq, sender, recipient, client_msg_id, body, sent_at)"
                    + " KEY (conversation_id, seq) VALUES (?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement ps = db.prepareStatement(merge)) {
                for (Event event : events) {
                    if (event.seq() != ++cursor) {
                        throw new IllegalArgumentException("event " + event.seq() + " does not follow " + (cursor - 1));
                    }
                    if (event instanceof Event.MessageEvent m) {
                        bind(ps, m.message());
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = db.prepareStatement("UPDATE client_state SET event_cursor = ? WHERE id = 1")) {
                ps.setLong(1, cursor);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Adds a message at the end of the outbox; durable when this returns. */
    public synchronized void enqueue(OutboxEntry entry) {
        transaction(() -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO outbox (client_msg_id, to_username,"
                    + " conversation_id, body, queued_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, entry.clientMsgId());
                ps.setString(2, entry.to());
                ps.setObject(3, entry.conversationId());
                ps.setString(4, entry.body());
                ps.setLong(5, entry.queuedAt());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The oldest {@code limit} outbox entries, oldest first. */
    public synchronized List<OutboxEntry> outbox(int limit) {
        return sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT client_msg_id, to_username, conversation_id,"
                    + " body, queued_at FROM outbox ORDER BY position LIMIT ?")) {
                ps.setInt(1, limit);
                List<OutboxEntry> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new OutboxEntry(rs.getString(1), rs.getString(2),
                                rs.getObject(3, Long.class), rs.getString(4), rs.getLong(5)));
                    }
                }
                return entries;
            }
        });
    }

    /** Removes an acknowledged message; true if it was still in the outbox. */
    public synchronized boolean removeFromOutbox(String clientMsgId) {
        return transaction(() -> {
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM outbox WHERE client_msg_id = ?")) {
                ps.setString(1, clientMsgId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Up to {@code limit} stored messages of a conversation with {@code seq < beforeSeq}, oldest first. */
    public synchronized List<Message> history(long conversationId, long beforeSeq, int limit) {
        return sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT conversation_id, seq, sender, recipient,"
                    + " client_msg_id, body, sent_at FROM messages WHERE conversation_id = ? AND seq < ?"
                    + " ORDER BY seq DESC LIMIT ?")) {
                ps.setLong(1, conversationId);
                ps.setLong(2, beforeSeq);
                ps.setInt(3, limit);
                List<Message> page = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(0, new Message(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getLong(7)));
                    }
                }
                return page;
            }
        });
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the local store", e);
        }
    }

    private static void bind(PreparedStatement ps, Message m) throws SQLException {
        ps.setLong(1, m.conversationId());
        ps.setLong(2, m.seq());
        ps.setString(3, m.from());
        ps.setString(4, m.to());
        ps.setString(5, m.clientMsgId());
        ps.setString(6, m.body());
        ps.setLong(7, m.sentAt());
    }

    private String queryString(String query) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private Void update(String statement) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(statement)) {
            ps.executeUpdate();
        }
        return null;
    }

    private <T> T transaction(SqlWork<T> work) {
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                db.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof RuntimeException re ? re : new StoreException("local store write failed", e);
        }
    }

    private <T> T sql(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException("local store read failed", e);
        }
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }
}
