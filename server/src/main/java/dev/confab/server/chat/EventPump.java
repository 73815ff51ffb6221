package dev.confab.server.chat;

import dev.confab.protocol.Event;
import dev.confab.protocol.Limits;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.store.HistoryStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Streams one user's events to one connection: first everything after the connection's cursor (read from
 * the store), then live events, each exactly once and in seq order. Live events that arrive with a gap
 * (or during catch-up) are filled from the store, so the stream never skips or repeats.
 * <p>Reading from the store is paced by the connection ({@link Connection#hasRoom}): while it has too much
 * unsent, the pump pauses, drops the live events it holds (the store has them) and resumes from its cursor once
 * the connection drains. A device can so catch up on a backlog of any size without being dropped as too slow, and
 * a paused pump holds no events in memory. Live events, once caught up, are pushed as they come.
 * <p>Work runs on the given executor, one drain at a time per pump; {@link #onEvents} never blocks.
 */
final class EventPump implements EventHub.Listener {
    static final int FRAME_BUDGET = 512 * 1024;
    private final long userId;
    private final HistoryStore store;
    private final Executor executor;
    private final Connection connection;
    private final ArrayDeque<Event> pending = new ArrayDeque<>();
    private long lastSent;
    private boolean catchUp = true;
    /** Waiting for the connection to drain: catchUp is set, live events are left to the store. */
    private boolean paused;
    private boolean scheduled;
    private boolean stopped;

    EventPump(long userId, long after, HistoryStore store, Executor executor, Connection connection) {
        this.userId = userId;
        this.lastSent = after;
        this.store = store;
        this.executor = executor;
        this.connection = connection;
    }

    void start() {
        schedule();
    }

    void stop() {
        synchronized (this) {
            stopped = true;
            pending.clear();
        }
    }

    @Override
    public void onEvents(List<Event> events) {
        // Announced before the events are queued, so that the drain which sends them (or finds nothing to send)
        // always comes after: a reply held for this push is never left waiting (Connection#expectPush).
        // Never call the connection while holding this pump's lock: closing the connection stops the pump.
        connection.expectPush();
        boolean queued;
        synchronized (this) {
            queued = !stopped && !paused; // paused: read from the store on resuming
            if (queued) {
                pending.addAll(events);
            }
        }
        if (queued) {
            schedule();
        } else {
            connection.pushDone();
        }
    }

    private void resume() {
        synchronized (this) {
            paused = false;
        }
        schedule();
    }

    private void schedule() {
        boolean declined;
        synchronized (this) {
            if (scheduled) {
                return;
            }
            declined = stopped || paused;
            scheduled = !declined;
        }
        if (declined) {
            connection.pushDone();
        } else {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            drainLoop();
        } catch (RuntimeException e) {
            // A store read failed (e.g. reopening after a full disk). Stop rather than stall silently: the
            // connection is closed, and the client reconnects and resumes from its cursor.
            org.slf4j.LoggerFactory.getLogger(EventPump.class).warn("event stream of user {} stopped", userId, e);
            synchronized (this) {
                stopped = true;
                scheduled = false;
                pending.clear();
            }
            connection.close("event stream interrupted; reconnect");
        } finally {
            connection.pushDone();
        }
    }

    private void drainLoop() {
        while (true) {
            List<Event> live;
            boolean readStore;
            synchronized (this) {
                if (stopped || paused || (pending.isEmpty() && !catchUp)) {
                    scheduled = false;
                    return;
                }
                live = new ArrayList<>(pending);
                pending.clear();
                readStore = catchUp;
                catchUp = false;
            }
            if (!live.isEmpty() && live.get(0).seq() > lastSent + 1) {
                readStore = true;
            }
            if (readStore && !fillFromStore()) {
                // The live events taken above were sent already or are in the store after lastSent: read on resuming.
                synchronized (this) {
                    paused = true;
                    catchUp = true;
                    pending.clear();
                    scheduled = false;
                }
                connection.whenRoom(this::resume);
                return;
            }
            List<Event> fresh = new ArrayList<>(live.size());
            for (Event e : live) {
                if (e.seq() == lastSent + 1) {
                    fresh.add(e);
                    lastSent = e.seq();
                } else if (e.seq() > lastSent + 1) {
                    // A gap we cannot explain from memory: let the store fill it on the next round.
                    synchronized (this) {
                        catchUp = true;
                    }
                    break;
                }
            }
            if (!fresh.isEmpty()) {
                send(fresh);
            }
        }
    }

    /** Splits events into frames of roughly {@link #FRAME_BUDGET} characters, so no frame grows unbounded. */
    private void send(List<Event> events) {
        sendFrames(events, false);
    }

    /**
     * Sends events in frames of roughly {@link #FRAME_BUDGET} characters; with {@code paced}, stops before a frame
     * when the connection has no room (the first frame always goes). Returns how many events were sent.
     */
    private int sendFrames(List<Event> events, boolean paced) {
        int sent = 0;
        while (sent < events.size()) {
            if (paced && sent > 0 && !connection.hasRoom()) {
                break;
            }
            List<Event> frame = withinBudget(sent == 0 ? events : events.subList(sent, events.size()));
            connection.push(new ServerFrame.Events(frame));
            sent += frame.size();
        }
        return sent;
    }

    /** The longest prefix (at least one event) that fits in one frame's budget. */
    static List<Event> withinBudget(List<Event> events) {
        int size = 0;
        for (int i = 0; i < events.size(); i++) {
            size += estimate(events.get(i));
            if (size > FRAME_BUDGET && i > 0) {
                return events.subList(0, i);
            }
        }
        return events;
    }

    private static int estimate(Event e) {
        if (e instanceof Event.MessageEvent m) {
            return 256 + 2 * m.message().body().length();
        }
        if (e instanceof Event.GroupEvent g) {
            return 512 + 160 * g.conversation().members().size();
        }
        return 1024;
    }

    /**
     * Sends what the store holds after {@code lastSent}, while the connection has room. True when caught up, false
     * when it stopped for want of room.
     */
    private boolean fillFromStore() {
        while (true) {
            if (!connection.hasRoom()) {
                return false;
            }
            List<Event> page = store.events(userId, lastSent, Limits.MAX_EVENTS_PAGE);
            if (page.isEmpty()) {
                return true;
            }
            int sent = sendFrames(page, true);
            lastSent = page.get(sent - 1).seq();
            if (sent < page.size()) {
                return false;
            }
            if (page.size() < Limits.MAX_EVENTS_PAGE) {
                return true;
            }
        }
    }
}
