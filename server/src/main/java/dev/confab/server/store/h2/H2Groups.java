package dev.confab.server.store.h2;

import dev.confab.server.store.AccountStore.ConversationRecord;
import dev.confab.server.store.AccountStore.MemberRecord;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Conversation and membership SQL for {@link H2AccountStore}. */
final class H2Groups {
    private final Jdbc jdbc;

    H2Groups(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ConversationRecord> conversation(long id) {
        return jdbc.one("SELECT kind, name, share_history FROM conversations WHERE id = ?",
                rs -> new ConversationRecord(id, rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        jdbc.list("SELECT user_id, role, visible_from FROM conversation_members "
                                        + "WHERE conversation_id = ? ORDER BY joined_at, user_id",
                                m -> new MemberRecord(m.getLong(1), m.getString(2), m.getLong(3)), id)), id);
    }

    List<Long> conversationsOf(long userId) {
        return jdbc.list("SELECT conversation_id FROM conversation_members WHERE user_id = ?", rs -> rs.getLong(1),
                userId);
    }

    long createGroup(String name, long creatorId, List<Long> memberIds, boolean shareHistory, long createdAt) {
        return jdbc.transaction(c -> {
            LinkedHashSet<Long> all = new LinkedHashSet<>();
            all.add(creatorId);
            all.addAll(memberIds);
            long id = Conversations.insert(c, "group", createdAt, new ArrayList<>(all));
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE conversations SET name = ?, share_history = ? WHERE id = ?")) {
                Jdbc.bind(ps, name, shareHistory, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE conversation_members SET role = 'admin' WHERE conversation_id = ? AND user_id = ?")) {
                Jdbc.bind(ps, id, creatorId);
                ps.executeUpdate();
            }
            return id;
        });
    }

    void rename(long conversationId, String name) {
        jdbc.update("UPDATE conversations SET name = ? WHERE id = ?", name, conversationId);
    }

    void addMembers(long conversationId, List<Long> userIds, long visibleFrom, long joinedAt) {
        jdbc.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO conversation_members "
                    + "(conversation_id, user_id, joined_at, role, visible_from) KEY (conversation_id, user_id) "
                    + "VALUES (?, ?, ?, 'member', ?)")) {
                for (long user : userIds) {
                    Jdbc.bind(ps, conversationId, user, joinedAt, visibleFrom);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    void promote(long conversationId, long userId) {
        jdbc.update("UPDATE conversation_members SET role = 'admin' WHERE conversation_id = ? AND user_id = ?",
                conversationId, userId);
    }

    void removeMember(long conversationId, long userId) {
        jdbc.update("DELETE FROM conversation_members WHERE conversation_id = ? AND user_id = ?", conversationId,
                userId);
    }
}
