package dev.confab.server.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Who is online, derived from live devices: a device is live while it has a WebSocket open, or while it
 * keeps long-polling within the poll deadline. A user is {@code online} if any live device is not away,
 * {@code away} if all live devices are away, else {@code offline} since the last one went. Thread safe;
 * change notifications run on the calling thread and must not block.
 */
public final class Presence {
    private final Clock clock;
    private final Duration pollDeadline;
    private final Map<Long, Map<Long, DeviceState>> users = new HashMap<>();
    private final Map<Long, Long> lastSeen = new HashMap<>();
    private final Map<Long, String> published = new HashMap<>();
    private volatile Consumer<Change> listener = change -> { };

    public Presence(Clock clock, Duration pollDeadline) {
        this.clock = clock;
        this.pollDeadline = pollDeadline;
    }

    void listener(Consumer<Change> listener) {
        this.listener = listener;
    }

    void webSocket(Session s, boolean connected) {
        update(s, d -> d.webSockets += connected ? 1 : -1);
    }

    /** A long-poll from this device started: it counts as live until the poll deadline passes. */
    public void polled(Session s) {
        update(s, d -> d.pollUntil = clock.millis() + pollDeadline.toMillis());
    }

    void away(Session s, boolean away) {
        update(s, d -> d.away = away);
    }

    /** Expires long-poll devices that stopped polling. Call periodically. */
    public void sweep() {
        long now = clock.millis();
        java.util.List<Long> changed = new java.util.ArrayList<>();
        synchronized (this) {
            for (Map.Entry<Long, Map<Long, DeviceState>> e : users.entrySet()) {
                boolean expired = e.getValue().values().removeIf(d -> d.webSockets <= 0 && d.pollUntil > 0
                        && d.pollUntil <= now);
                if (expired) {
                    changed.add(e.getKey());
                }
            }
        }
        changed.forEach(this::recompute);
    }

    public synchronized Status status(long userId) {
        return new Status(statusOf(userId, clock.millis()), lastSeen.getOrDefault(userId, 0L));
    }

    public synchronized boolean deviceLive(long userId, long deviceId) {
        DeviceState d = users.getOrDefault(userId, Map.of()).get(deviceId);
        return d != null && d.live(clock.millis());
    }

    private void update(Session s, Consumer<DeviceState> change) {
        synchronized (this) {
            DeviceState d = users.computeIfAbsent(s.userId(), id -> new HashMap<>())
                    .computeIfAbsent(s.deviceId(), id -> new DeviceState());
            change.accept(d);
            if (!d.live(clock.millis())) {
                users.get(s.userId()).remove(s.deviceId());
            }
        }
        recompute(s.userId());
    }

    private void recompute(long userId) {
        Change change;
        synchronized (this) {
            long now = clock.millis();
            String status = statusOf(userId, now);
            String before = published.getOrDefault(userId, "offline");
            if (status.equals(before)) {
                return;
            }
            if ("offline".equals(status)) {
                lastSeen.put(userId, now);
                users.remove(userId);
            }
            published.put(userId, status);
            change = new Change(userId, status, "offline".equals(status) ? now : 0);
        }
        listener.accept(change);
    }

    private String statusOf(long userId, long now) {
        Map<Long, DeviceState> devices = users.getOrDefault(userId, Map.of());
        boolean anyLive = false;
        for (DeviceState d : devices.values()) {
            if (d.live(now)) {
                if (!d.away) {
                    return "online";
                }
                anyLive = true;
            }
        }
        return anyLive ? "away" : "offline";
    }

    public record Status(String status, long lastSeen) {
    }

    public record Change(long userId, String status, long lastSeen) {
    }

    private static final class DeviceState {
        int webSockets;
        long pollUntil;
        boolean away;

        boolean live(long now) {
            return webSockets > 0 || pollUntil > now;
        }
    }
}
