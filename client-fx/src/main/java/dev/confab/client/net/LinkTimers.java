package dev.confab.client.net;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A link's timers (handshake deadline, pings, heartbeat check) on the shared scheduler. Thread safe. */
final class LinkTimers {
    private final ScheduledExecutorService scheduler;
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

    LinkTimers(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    synchronized void once(Runnable task, long delayMillis) {
        scheduled.add(scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS));
    }

    synchronized void every(Runnable task, long periodMillis) {
        scheduled.add(scheduler.scheduleWithFixedDelay(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS));
    }

    /** Cancels everything scheduled so far. */
    synchronized void cancelAll() {
        scheduled.forEach(f -> f.cancel(false));
        scheduled.clear();
    }
}
