package dev.confab.server.chat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The live connections of each device, so a logout or revoke can close them at once. Thread safe. */
public final class Connections {
    private final Map<Long, Set<Connection>> byDevice = new ConcurrentHashMap<>();

    void add(Session session, Connection connection) {
        if (connection.streaming()) {
            byDevice.computeIfAbsent(session.deviceId(), id -> ConcurrentHashMap.newKeySet()).add(connection);
        }
    }

    public void remove(Connection connection) {
        connection.session().ifPresent(s -> byDevice.computeIfPresent(s.deviceId(), (id, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        }));
    }

    /** Closes every connection of the device except {@code keep} (which is closed by its own reply path). */
    void closeDevice(long deviceId, String reason, Connection keep) {
        Set<Connection> set = byDevice.get(deviceId);
        if (set != null) {
            for (Connection c : set) {
                if (c != keep) {
                    c.close(reason);
                }
            }
        }
    }

    public int count() {
        return byDevice.values().stream().mapToInt(Set::size).sum();
    }
}
