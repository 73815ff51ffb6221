package dev.confab.server.store.h2;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** SQL for conversation rows, shared by 1:1 and (later) group conversations. Runs inside the caller's transaction. */
final class Conversations {
    private Conversations() {
    }

    static long insert(Connection c, String kind, long createdAt, List<Long> members) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO conversations (kind, created_at) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, kind);
            ps.setLong(2, createdAt);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO conversation_members (conversation_id, user_id, joined_at) VALUES (?, ?, ?)")) {
            for (long member : members) {
                ps.setLong(1, id);
                ps.setLong(2, member);
                ps.setLong(3, createdAt);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return id;
    }
}
