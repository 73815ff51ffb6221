package dev.confab.server.store.h2;

import dev.confab.server.store.AccountStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * {@link AccountStore} on an embedded H2 file database, schema migrated by Flyway at open.
 * {@code WRITE_DELAY=0} makes every commit reach the file before the call returns, so a
 * {@code kill -9} never loses an acknowledged account, device or conversation.
 */
public final class H2AccountStore implements AccountStore {
    private static final int DUPLICATE_KEY = 23505;

    private final JdbcConnectionPool pool;
    private final H2Groups groups;
    private final H2People people;

    private H2AccountStore(JdbcConnectionPool pool) {
        this.pool = pool;
        Jdbc jdbc = new Jdbc(pool);
        this.groups = new H2Groups(jdbc);
        this.people = new H2People(jdbc);
    }

    public static H2AccountStore open(Path directory) {
        String url = "jdbc:h2:file:" + directory.resolve("accounts").toAbsolutePath()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "confab", "");
        pool.setMaxConnections(16);
        Flyway.configure().dataSource(pool).loggers("slf4j").load().migrate();
        return new H2AccountStore(pool);
    }

    @Override
    public User createUser(String username, String passwordHash, String displayName, long createdAt) {
        String sql = "INSERT INTO users (username, password_hash, display_name, created_at) VALUES (?, ?, ?, ?)";
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, username);
            ps.setString(2, passwordHash);
            ps.setString(3, displayName);
            ps.setLong(4, createdAt);
            ps.executeUpdate();
            return new User(generatedId(ps), username, passwordHash, displayName, createdAt);
        } catch (SQLException e) {
            if (e.getErrorCode() == DUPLICATE_KEY) {
                throw new UsernameTakenException(username);
            }
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<User> findUser(String username) {
        return queryUser("SELECT id, username, password_hash, display_name, created_at FROM users WHERE username = ?",
                ps -> ps.setString(1, username));
    }

    @Override
    public Optional<User> findUser(long userId) {
        return queryUser("SELECT id, username, password_hash, display_name, created_at FROM users WHERE id = ?",
                ps -> ps.setLong(1, userId));
    }

    @Override
    public Device createDevice(long userId, String name, String tokenHash, long createdAt) {
        String sql = "INSERT INTO devices (user_id, name, token_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)";
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, userId);
            ps.setString(2, name);
            ps.setString(3, tokenHash);
            ps.setLong(4, createdAt);
            ps.setLong(5, createdAt);
            ps.executeUpdate();
            return new Device(generatedId(ps), userId, name, createdAt);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<Device> findActiveDevice(String tokenHash) {
        String sql = "SELECT id, user_id, name, created_at FROM devices WHERE token_hash = ? AND revoked_at IS NULL";
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Device(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void revokeDevice(long deviceId, long revokedAt) {
        update("UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", revokedAt, deviceId);
    }

    @Override
    public void touchDevice(long deviceId, long lastSeenAt) {
        update("UPDATE devices SET last_seen_at = ? WHERE id = ?", lastSeenAt, deviceId);
    }

    @Override
    public void updatePassword(long userId, String passwordHash) {
        new Jdbc(pool).update("UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userId);
    }

    @Override
    public List<Long> revokeOtherDevices(long userId, long keepDeviceId, long revokedAt) {
        Jdbc jdbc = new Jdbc(pool);
        return jdbc.transaction(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM devices WHERE user_id = ? AND id <> ? AND revoked_at IS NULL")) {
                Jdbc.bind(ps, userId, keepDeviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE devices SET revoked_at = ? WHERE user_id = ? AND id <> ? AND revoked_at IS NULL")) {
                Jdbc.bind(ps, revokedAt, userId, keepDeviceId);
                ps.executeUpdate();
            }
            return ids;
        });
    }

    @Override
    public synchronized long directConversation(long userA, long userB) {
        long lo = Math.min(userA, userB);
        long hi = Math.max(userA, userB);
        try (Connection c = pool.getConnection()) {
            Optional<Long> existing = findDirect(c, lo, hi);
            if (existing.isPresent()) {
                return existing.get();
            }
            c.setAutoCommit(false);
            try {
                long id = Conversations.insert(c, "direct", System.currentTimeMillis(), lo == hi ? List.of(lo) : List.of(lo, hi));
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO direct_conversations (user_lo, user_hi, conversation_id) VALUES (?, ?, ?)")) {
                    ps.setLong(1, lo);
                    ps.setLong(2, hi);
                    ps.setLong(3, id);
                    ps.executeUpdate();
                }
                c.commit();
                return id;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Long> members(long conversationId) {
        String sql = "SELECT user_id FROM conversation_members WHERE conversation_id = ? ORDER BY user_id";
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, conversationId);
            List<Long> members = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    members.add(rs.getLong(1));
                }
            }
            return members;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<ConversationRecord> conversation(long conversationId) {
        return groups.conversation(conversationId);
    }

    @Override
    public List<Long> conversationsOf(long userId) {
        return groups.conversationsOf(userId);
    }

    @Override
    public long createGroup(String name, long creatorId, List<Long> memberIds, boolean shareHistory, long createdAt) {
        return groups.createGroup(name, creatorId, memberIds, shareHistory, createdAt);
    }

    @Override
    public void renameGroup(long conversationId, String name) {
        groups.rename(conversationId, name);
    }

    @Override
    public void addMembers(long conversationId, List<Long> userIds, long visibleFrom, long joinedAt) {
        groups.addMembers(conversationId, userIds, visibleFrom, joinedAt);
    }

    @Override
    public void removeMember(long conversationId, long userId) {
        groups.removeMember(conversationId, userId);
    }

    @Override
    public void promote(long conversationId, long userId) {
        groups.promote(conversationId, userId);
    }

    @Override
    public void updateDisplayName(long userId, String displayName) {
        people.updateDisplayName(userId, displayName);
    }

    @Override
    public boolean addContact(long ownerId, long contactId, long addedAt) {
        return people.addContact(ownerId, contactId, addedAt);
    }

    @Override
    public boolean removeContact(long ownerId, long contactId) {
        return people.removeContact(ownerId, contactId);
    }

    @Override
    public List<Long> contacts(long ownerId) {
        return people.contacts(ownerId);
    }

    @Override
    public List<Long> contactOwners(long userId) {
        return people.contactOwners(userId);
    }

    @Override
    public Map<String, String> settings(long userId) {
        return people.settings(userId);
    }

    @Override
    public Map<String, String> putSettings(long userId, Map<String, String> changes) {
        return people.putSettings(userId, changes);
    }

    @Override
    public List<DeviceRecord> devices(long userId) {
        return people.devices(userId);
    }

    /** H2 {@code BACKUP TO}: a transactionally consistent zip of the database, taken while it is in use (ops). */
    public void backupTo(Path zipFile) throws IOException {
        String file = zipFile.toAbsolutePath().toString().replace("'", "''");
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("BACKUP TO '" + file + "'");
        } catch (SQLException e) {
            throw new IOException("H2 backup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already closed
        } finally {
            pool.dispose();
        }
    }

    private static Optional<Long> findDirect(Connection c, long lo, long hi) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT conversation_id FROM direct_conversations WHERE user_lo = ? AND user_hi = ?")) {
            ps.setLong(1, lo);
            ps.setLong(2, hi);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private Optional<User> queryUser(String sql, Binder binder) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, long first, long second) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, first);
            ps.setLong(2, second);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
