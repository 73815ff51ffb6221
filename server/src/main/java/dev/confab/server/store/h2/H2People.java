package dev.confab.server.store.h2;

import dev.confab.server.store.AccountStore.DeviceRecord;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Contacts, profile, settings and device-list SQL for {@link H2AccountStore}. */
final class H2People {
    private final Jdbc jdbc;

    H2People(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void updateDisplayName(long userId, String displayName) {
        jdbc.update("UPDATE users SET display_name = ? WHERE id = ?", displayName, userId);
    }

    boolean addContact(long ownerId, long contactId, long addedAt) {
        return jdbc.update("INSERT INTO contacts (owner_id, contact_id, added_at) SELECT ?, ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM contacts WHERE owner_id = ? AND contact_id = ?)",
                ownerId, contactId, addedAt, ownerId, contactId) == 1;
    }

    boolean removeContact(long ownerId, long contactId) {
        return jdbc.update("DELETE FROM contacts WHERE owner_id = ? AND contact_id = ?", ownerId, contactId) == 1;
    }

    List<Long> contacts(long ownerId) {
        return jdbc.list("SELECT contact_id FROM contacts WHERE owner_id = ? ORDER BY added_at", rs -> rs.getLong(1),
                ownerId);
    }

    List<Long> contactOwners(long userId) {
        return jdbc.list("SELECT owner_id FROM contacts WHERE contact_id = ?", rs -> rs.getLong(1), userId);
    }

    Map<String, String> settings(long userId) {
        Map<String, String> settings = new LinkedHashMap<>();
        jdbc.list("SELECT name, val FROM user_settings WHERE user_id = ? ORDER BY name",
                rs -> settings.put(rs.getString(1), rs.getString(2)), userId);
        return settings;
    }

    Map<String, String> putSettings(long userId, Map<String, String> changes) {
        jdbc.transaction(c -> {
            try (PreparedStatement put = c.prepareStatement(
                    "MERGE INTO user_settings (user_id, name, val) KEY (user_id, name) VALUES (?, ?, ?)");
                 PreparedStatement delete = c.prepareStatement(
                         "DELETE FROM user_settings WHERE user_id = ? AND name = ?")) {
                for (Map.Entry<String, String> e : changes.entrySet()) {
                    if (e.getValue() == null) {
                        Jdbc.bind(delete, userId, e.getKey());
                        delete.executeUpdate();
                    } else {
                        Jdbc.bind(put, userId, e.getKey(), e.getValue());
                        put.executeUpdate();
                    }
                }
            }
            return null;
        });
        return settings(userId);
    }

    List<DeviceRecord> devices(long userId) {
        return jdbc.list("SELECT id, name, created_at, last_seen_at, revoked_at IS NOT NULL FROM devices "
                        + "WHERE user_id = ? ORDER BY created_at",
                rs -> new DeviceRecord(rs.getLong(1), userId, rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getBoolean(5)), userId);
    }
}
