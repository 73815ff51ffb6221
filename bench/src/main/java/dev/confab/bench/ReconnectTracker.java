package dev.confab.bench;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reconnect bookkeeping for {@link ReconnectScenario}: re-opens each client after the kill (or, for clients that
 * were offline on purpose, when told to) following a {@link ReconnectPolicy}, and records when each client
 * tried, got its handshake, was subscribed again and had its cursor reach the stream's newest seq. Each client
 * has at most one attempt scheduled or running. Thread safe.
 */
final class ReconnectTracker implements WsTransport.ConnectObserver {
    private enum State { ONLINE, PAUSED, WAITING, CONNECTING }

    /** Kill → caught up. */
    final Latency caughtUp = new Latency();
    /** Listening → caught up. */
    final Latency caughtUpAfterListening = new Latency();
    /** Listening → start of the attempt that succeeded (backoff sleep and failed attempts after the restart). */
    final Latency successfulAttemptStart = new Latency();
    /** Listening → {@code subscribe_ok}. */
    final Latency subscribed = new Latency();
    /** Connector thread picked the attempt up → WebSocket open, successful attempts after the kill. */
    final Latency handshake = new Latency();
    /** Backoff over → the timer ran the attempt, every attempt after the kill. */
    final Latency timerLate = new Latency();
    /** Attempt asked for → a connector thread picked it up, every attempt after the kill. */
    final Latency connectQueue = new Latency();
    final StormTimeline timeline = new StormTimeline();
    final AtomicLong lastCaughtUp = new AtomicLong();
    final AtomicLong attempts = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong attemptsBeforeListening = new AtomicLong();
    final ReconnectPolicy policy;
    private final long[] targets;
    private final boolean[] done;
    private final State[] states;
    private final int[] failuresInRow;
    private final WsTransport transport;
    volatile List<WsClient> clients;
    private volatile long killedAt;
    private volatile long listeningAt;
    private volatile boolean stopped;

    ReconnectTracker(int count, WsTransport transport, ReconnectPolicy policy) {
        this.targets = new long[count];
        this.done = new boolean[count];
        this.states = new State[count];
        this.failuresInRow = new int[count];
        java.util.Arrays.fill(states, State.ONLINE);
        this.transport = transport;
        this.policy = policy;
        transport.observe(this);
    }

    /** The server is about to be killed: from now on attempts and progress are measured. */
    void killing(long nanos) {
        timeline.start(nanos);
        killedAt = nanos;
    }

    void listening(long nanos) {
        listeningAt = nanos;
    }

    /** Measuring is over: lost connections are no longer re-opened. */
    void stop() {
        stopped = true;
    }

    void pause(WsClient c) {
        synchronized (this) {
            states[c.index] = State.PAUSED;
        }
        c.close();
    }

    /** The client's WebSocket closed; schedules a reconnect unless one is already scheduled or running. */
    void lost(WsClient c) {
        timeline.add(StormTimeline.Kind.LOST, System.nanoTime());
        synchronized (this) {
            if (stopped || states[c.index] != State.ONLINE) {
                return;
            }
            states[c.index] = State.WAITING;
        }
        schedule(c);
    }

    void resumePaused() {
        for (WsClient c : clients) {
            synchronized (this) {
                if (states[c.index] != State.PAUSED) {
                    continue;
                }
                states[c.index] = State.WAITING;
            }
            schedule(c);
        }
    }

    private void schedule(WsClient c) {
        int n;
        synchronized (this) {
            n = failuresInRow[c.index];
        }
        long delay = policy.delayMillis(n, ThreadLocalRandom.current());
        long due = System.nanoTime() + delay * 1_000_000;
        transport.timers.schedule(() -> attempt(c, due), delay, TimeUnit.MILLISECONDS);
    }

    private void attempt(WsClient c, long due) {
        long started = System.nanoTime();
        if (killedAt != 0) {
            timerLate.record(started - due);
        }
        synchronized (this) {
            if (stopped) {
                return;
            }
            states[c.index] = State.CONNECTING;
        }
        attempts.incrementAndGet();
        timeline.add(StormTimeline.Kind.ATTEMPT, started);
        if (listeningAt == 0) {
            attemptsBeforeListening.incrementAndGet();
        }
        c.start(true).whenComplete((latest, e) -> {
            long now = System.nanoTime();
            if (e != null) {
                failures.incrementAndGet();
                timeline.add(StormTimeline.Kind.FAILED, now);
                synchronized (this) {
                    failuresInRow[c.index]++;
                    states[c.index] = State.WAITING;
                }
                c.close(); // a half-open session; its onClose finds the client WAITING and does nothing
                schedule(c);
                return;
            }
            timeline.add(StormTimeline.Kind.READY, now);
            long up = listeningAt;
            if (up != 0) {
                subscribed.record(now - up);
                successfulAttemptStart.record(started - up);
            }
            synchronized (this) {
                targets[c.index] = latest;
                failuresInRow[c.index] = 0;
                states[c.index] = State.ONLINE;
            }
            if (!c.isOpen()) {
                lost(c); // closed while we were setting up: its onClose found it CONNECTING
            }
            progress(c);
        });
    }

    @Override
    public void connectEnded(long requestedNanos, long startedNanos, long endedNanos, boolean opened) {
        if (killedAt == 0) {
            return;
        }
        connectQueue.record(startedNanos - requestedNanos);
        if (opened) {
            handshake.record(endedNanos - startedNanos);
            timeline.add(StormTimeline.Kind.HANDSHAKE, endedNanos);
        }
    }

    synchronized void progress(WsClient c) {
        if (killedAt == 0 || done[c.index] || targets[c.index] == 0) {
            return;
        }
        if (c.lastSeq() >= targets[c.index]) {
            done[c.index] = true;
            long now = System.nanoTime();
            caughtUp.record(now - killedAt);
            if (listeningAt != 0) {
                caughtUpAfterListening.record(now - listeningAt);
            }
            timeline.add(StormTimeline.Kind.CAUGHT_UP, now);
            lastCaughtUp.accumulateAndGet(now, Math::max);
        }
    }

    boolean awaitCaughtUp(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (caughtUp.snapshot().getTotalCount() >= done.length) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
