package dev.confab.server.chat;

import dev.confab.protocol.ServerFrame;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live, signed-in WebSocket connections of each device and user: so a logout or revoke can close them at
 * once, and ephemeral frames (presence, typing) can be pushed. Thread safe.
 */
public final class Connections {
    private final Map<Long, Set<Connection>> byDevice = new ConcurrentHashMap<>();
    private final Map<Long, Set<Connection>> byUser = new ConcurrentHashMap<>();
    private volatile Listener listener = (session, connected) -> { };

    /** Told when each signed-in connection of a device opens and closes. */
    public interface Listener {
        void deviceConnection(Session session, boolean connected);
    }

    void listener(Listener listener) {
        this.listener = listener;
    }

    void add(Session session, Connection connection) {
        if (!connection.streaming()) {
            return;
        }
        byUser.computeIfAbsent(session.userId(), id -> ConcurrentHashMap.newKeySet()).add(connection);
        byDevice.computeIfAbsent(session.deviceId(), id -> ConcurrentHashMap.newKeySet()).add(connection);
        listener.deviceConnection(session, true);
    }

    public void remove(Connection connection) {
        connection.session().ifPresent(s -> {
            boolean removed = removeFrom(byDevice, s.deviceId(), connection);
            removeFrom(byUser, s.userId(), connection);
            if (removed) {
                listener.deviceConnection(s, false);
            }
        });
    }

    private static boolean removeFrom(Map<Long, Set<Connection>> index, long key, Connection connection) {
        boolean[] removed = {false};
        index.computeIfPresent(key, (id, set) -> {
            removed[0] = set.remove(connection);
            return set.isEmpty() ? null : set;
        });
        return removed[0];
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

    int countForUser(long userId) {
        Set<Connection> set = byUser.get(userId);
        return set == null ? 0 : set.size();
    }

    boolean deviceConnected(long deviceId) {
        return byDevice.containsKey(deviceId);
    }

    /** Pushes an ephemeral frame to every live connection of the given users. */
    void push(Collection<Long> userIds, ServerFrame frame) {
        for (long user : userIds) {
            Set<Connection> set = byUser.get(user);
            if (set != null) {
                set.forEach(c -> c.push(frame));
            }
        }
    }

    public int count() {
        return byDevice.values().stream().mapToInt(Set::size).sum();
    }
}
