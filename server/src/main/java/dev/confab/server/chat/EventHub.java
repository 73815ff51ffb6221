package dev.confab.server.chat;

import dev.confab.protocol.Event;
import dev.confab.server.store.HistoryStore.UserEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Routes newly committed events to the live listeners of each user (WebSocket pumps, waiting long-polls).
 * A listener is only a wake-up path: listeners must tolerate missing and repeated events and read the store
 * by cursor for the truth. Thread safe; {@link #publish} never blocks.
 */
public final class EventHub {
    private final Map<Long, Set<Listener>> listeners = new ConcurrentHashMap<>();

    public void subscribe(long userId, Listener listener) {
        // Add inside compute: adding to a set fetched outside it could race an unsubscribe that just removed the
        // (then empty) set from the map, leaving the listener orphaned and never woken.
        listeners.compute(userId, (id, set) -> {
            Set<Listener> s = set != null ? set : new CopyOnWriteArraySet<>();
            s.add(listener);
            return s;
        });
    }

    public void unsubscribe(long userId, Listener listener) {
        listeners.computeIfPresent(userId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** Called after the events are durable, in commit order. */
    public void publish(List<UserEvent> events) {
        Map<Long, List<Event>> byUser = new HashMap<>();
        for (UserEvent e : events) {
            if (listeners.containsKey(e.userId())) {
                byUser.computeIfAbsent(e.userId(), id -> new ArrayList<>()).add(e.event());
            }
        }
        byUser.forEach((userId, userEvents) -> {
            Set<Listener> set = listeners.get(userId);
            if (set != null) {
                set.forEach(l -> l.onEvents(userEvents));
            }
        });
    }

    public int listenerCount() {
        return listeners.values().stream().mapToInt(Set::size).sum();
    }

    /** Receives a user's new events in stream order. Must return quickly and never block. */
    public interface Listener {
        void onEvents(List<Event> events);
    }
}
