package dev.confab.client.store;

import dev.confab.protocol.Message;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code messages} table. Not thread safe: used under {@link LocalStore}'s lock. */
final class MessageRows {
    private static final String COLUMNS = "conversation_id, seq, sender, recipient, client_msg_id, body, sent_at";

    private final Sql sql;

    MessageRows(Sql sql) {
        this.sql = sql;
    }

    /** Stores a message; storing it again changes nothing. */
    void put(Message m) throws SQLException {
        sql.update("MERGE INTO messages (" + COLUMNS + ") KEY (conversation_id, seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
                m.conversationId(), m.seq(), m.from(), m.to(), m.clientMsgId(), m.body(), m.sentAt());
    }

    /** Up to {@code limit} messages with {@code seq < beforeSeq}, oldest first. */
    List<Message> page(long conversationId, long beforeSeq, int limit) throws SQLException {
        List<Message> page = new ArrayList<>(sql.list("SELECT " + COLUMNS + " FROM messages"
                + " WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?", MessageRows::message,
                conversationId, beforeSeq, limit));
        java.util.Collections.reverse(page);
        return page;
    }

    Optional<Long> seqOf(long conversationId, String clientMsgId) throws SQLException {
        return sql.one("SELECT seq FROM messages WHERE client_msg_id = ? AND conversation_id = ?",
                rs -> rs.getLong(1), clientMsgId, conversationId);
    }

    private static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7));
    }
}
