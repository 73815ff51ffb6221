package dev.confab.client.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The {@code outbox} and {@code failed_sends} tables. Not thread safe: used under {@link LocalStore}'s lock. */
final class OutboxRows {
    private static final String COLUMNS = "client_msg_id, to_username, conversation_id, body, queued_at";

    private final Sql sql;

    OutboxRows(Sql sql) {
        this.sql = sql;
    }

    void add(OutboxEntry e) throws SQLException {
        sql.update("INSERT INTO outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", e.clientMsgId(), e.to(),
                e.conversationId(), e.body(), e.queuedAt());
    }

    List<OutboxEntry> oldest(int limit) throws SQLException {
        return sql.list("SELECT " + COLUMNS + " FROM outbox ORDER BY position LIMIT ?", OutboxRows::entry, limit);
    }

    Optional<OutboxEntry> get(String clientMsgId) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM outbox WHERE client_msg_id = ?", OutboxRows::entry, clientMsgId);
    }

    boolean remove(String clientMsgId) throws SQLException {
        return sql.update("DELETE FROM outbox WHERE client_msg_id = ?", clientMsgId) > 0;
    }

    /** Moves an entry to the failed list; false if it was no longer in the outbox. */
    boolean fail(String clientMsgId, String code, String message) throws SQLException {
        Optional<OutboxEntry> entry = get(clientMsgId);
        if (entry.isEmpty()) {
            return false;
        }
        OutboxEntry e = entry.get();
        remove(clientMsgId);
        String shortMessage = message == null || message.length() <= 1000 ? message : message.substring(0, 1000);
        sql.update("MERGE INTO failed_sends (" + COLUMNS + ", error_code, error_message) KEY (client_msg_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", e.clientMsgId(), e.to(), e.conversationId(), e.body(),
                e.queuedAt(), code, shortMessage);
        return true;
    }

    Optional<OutboxEntry> failed(String clientMsgId) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM failed_sends WHERE client_msg_id = ?", OutboxRows::entry,
                clientMsgId);
    }

    List<OutboxEntry> allFailed() throws SQLException {
        return sql.list("SELECT " + COLUMNS + " FROM failed_sends ORDER BY queued_at", OutboxRows::entry);
    }

    /** Puts a failed entry back at the end of the outbox (same clientMsgId); false if it is not failed. */
    boolean retry(String clientMsgId) throws SQLException {
        Optional<OutboxEntry> entry = failed(clientMsgId);
        if (entry.isEmpty()) {
            return false;
        }
        sql.update("DELETE FROM failed_sends WHERE client_msg_id = ?", clientMsgId);
        add(entry.get());
        return true;
    }

    private static OutboxEntry entry(ResultSet rs) throws SQLException {
        return new OutboxEntry(rs.getString(1), rs.getString(2), rs.getObject(3, Long.class), rs.getString(4),
                rs.getLong(5));
    }
}
