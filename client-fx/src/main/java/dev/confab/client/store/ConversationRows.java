package dev.confab.client.store;

import dev.confab.protocol.Info;
import dev.confab.protocol.Message;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The {@code conversations} and {@code markers} tables. Not thread safe: used under {@link LocalStore}'s lock. */
final class ConversationRows {
    private static final String COLUMNS = "conversation_id, kind, name, peer, share_history, members_json,"
            + " latest_seq, read_seq, left_group, last_activity, meta_cursor, last_seq, last_sender, last_recipient,"
            + " last_client_msg_id, last_body, last_sent_at";

    private final Sql sql;

    ConversationRows(Sql sql) {
        this.sql = sql;
    }

    Optional<ConversationRow> get(long conversationId) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM conversations WHERE conversation_id = ?", ConversationRows::row,
                conversationId);
    }

    List<ConversationRow> all() throws SQLException {
        return sql.list("SELECT " + COLUMNS + " FROM conversations", ConversationRows::row);
    }

    /** Writes a row whose members are unchanged since it was read: skips re-encoding a large member list. */
    void putCounters(ConversationRow r) throws SQLException {
        Message m = r.lastMessage();
        sql.update("UPDATE conversations SET latest_seq = ?, read_seq = ?, left_group = ?, last_activity = ?,"
                        + " meta_cursor = ?, last_seq = ?, last_sender = ?, last_recipient = ?, last_client_msg_id = ?,"
                        + " last_body = ?, last_sent_at = ? WHERE conversation_id = ?",
                r.latestSeq(), r.readSeq(), r.left(), r.lastActivity(), r.metaCursor(), m == null ? null : m.seq(),
                m == null ? null : m.from(), m == null ? null : m.to(), m == null ? null : m.clientMsgId(),
                m == null ? null : m.body(), m == null ? null : m.sentAt(), r.id());
    }

    void put(ConversationRow r) throws SQLException {
        Message m = r.lastMessage();
        sql.update("MERGE INTO conversations (" + COLUMNS + ") KEY (conversation_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.kind(), r.name(), r.peer(), r.shareHistory(), MemberJson.write(r.members()), r.latestSeq(),
                r.readSeq(), r.left(), r.lastActivity(), r.metaCursor(), m == null ? null : m.seq(),
                m == null ? null : m.from(), m == null ? null : m.to(), m == null ? null : m.clientMsgId(),
                m == null ? null : m.body(), m == null ? null : m.sentAt());
    }

    Info.Receipt marker(long conversationId, String username) throws SQLException {
        return sql.one("SELECT username, delivered, read_seq FROM markers WHERE conversation_id = ? AND username = ?",
                ConversationRows::receipt, conversationId, username).orElse(new Info.Receipt(username, 0, 0));
    }

    List<Info.Receipt> markers(long conversationId) throws SQLException {
        return sql.list("SELECT username, delivered, read_seq FROM markers WHERE conversation_id = ?"
                + " ORDER BY username", ConversationRows::receipt, conversationId);
    }

    /** Moves a member's markers forward (never back); read implies delivered. */
    void raiseMarker(long conversationId, String username, long delivered, long read) throws SQLException {
        Info.Receipt old = marker(conversationId, username);
        long newRead = Math.max(old.read(), read);
        long newDelivered = Math.max(Math.max(old.delivered(), delivered), newRead);
        if (newRead != old.read() || newDelivered != old.delivered()) {
            sql.update("MERGE INTO markers (conversation_id, username, delivered, read_seq) KEY (conversation_id,"
                    + " username) VALUES (?, ?, ?, ?)", conversationId, username, newDelivered, newRead);
        }
    }

    private static ConversationRow row(ResultSet rs) throws SQLException {
        long lastSeq = rs.getLong(12);
        Message last = rs.wasNull() ? null : new Message(rs.getLong(1), lastSeq, rs.getString(13), rs.getString(14),
                rs.getString(15), rs.getString(16), rs.getLong(17));
        return new ConversationRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getBoolean(5), MemberJson.read(rs.getString(6)), rs.getLong(7), rs.getLong(8), rs.getBoolean(9),
                rs.getLong(10), rs.getLong(11), last);
    }

    private static Info.Receipt receipt(ResultSet rs) throws SQLException {
        return new Info.Receipt(rs.getString(1), rs.getLong(2), rs.getLong(3));
    }
}
