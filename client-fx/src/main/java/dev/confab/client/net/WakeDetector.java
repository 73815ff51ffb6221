package dev.confab.client.net;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Notices that the machine slept: while suspended the wall clock keeps going but monotonic time does not,
 * so between two ticks wall-clock time jumps ahead of monotonic time. Timers are late by the whole sleep,
 * which is why the engine retries at once instead of waiting for them. Not thread safe: ticked on the loop.
 */
final class WakeDetector {
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final long thresholdMillis;
    private long lastWallMillis;
    private long lastMonoMillis;
    private boolean started;

    WakeDetector(Clock clock, LongSupplier nanoTime, Duration threshold) {
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.thresholdMillis = threshold.toMillis();
    }

    /** Samples both clocks; true when wall-clock time ran ahead of monotonic time by more than the threshold. */
    boolean tick() {
        long wall = clock.millis();
        long mono = nanoTime.getAsLong() / 1_000_000;
        boolean woke = started && (wall - lastWallMillis) - (mono - lastMonoMillis) > thresholdMillis;
        lastWallMillis = wall;
        lastMonoMillis = mono;
        started = true;
        return woke;
    }
}
