package dev.confab.bench;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reconnect bookkeeping for {@link ReconnectScenario}: re-opens each client with exponential backoff and
 * jitter after the kill (or, for clients that were offline on purpose, when told to), and records when each
 * client's cursor reached the stream's newest seq. Thread safe.
 */
final class ReconnectTracker {
    final Latency caughtUp = new Latency();
    final AtomicLong lastCaughtUp = new AtomicLong();
    final AtomicLong attempts = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final long[] targets;
    final boolean[] done;
    final boolean[] paused;
    final WsTransport transport;
    volatile List<WsClient> clients;
    volatile long killedAt;

    ReconnectTracker(int count, WsTransport transport) {
        this.targets = new long[count];
        this.done = new boolean[count];
        this.paused = new boolean[count];
        this.transport = transport;
    }

    synchronized void pause(WsClient c) {
        paused[c.index] = true;
        c.close();
    }

    void lost(WsClient c) {
        synchronized (this) {
            if (killedAt == 0 && paused[c.index]) {
                return;
            }
        }
        reconnect(c, 0);
    }

    void resumePaused() {
        for (WsClient c : clients) {
            if (paused[c.index]) {
                reconnect(c, 0);
            }
        }
    }

    void reconnect(WsClient c, int attempt) {
        long base = Math.min(2000, 50L << Math.min(attempt, 6));
        long delay = ThreadLocalRandom.current().nextLong(base / 2, base + 1);
        transport.timers.schedule(() -> {
            attempts.incrementAndGet();
            c.start(true).whenComplete((latest, e) -> {
                if (e != null) {
                    failures.incrementAndGet();
                    if (c.isOpen()) {
                        c.close(); // its onClose schedules the next attempt
                    } else {
                        reconnect(c, attempt + 1);
                    }
                    return;
                }
                synchronized (this) {
                    targets[c.index] = latest;
                }
                progress(c);
            });
        }, delay, TimeUnit.MILLISECONDS);
    }

    synchronized void progress(WsClient c) {
        if (killedAt == 0 || done[c.index] || targets[c.index] == 0 && !c.isOpen()) {
            return;
        }
        if (c.lastSeq() >= targets[c.index] && targets[c.index] > 0) {
            done[c.index] = true;
            long now = System.nanoTime();
            caughtUp.record(now - killedAt);
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
