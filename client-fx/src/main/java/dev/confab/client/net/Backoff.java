package dev.confab.client.net;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with "equal jitter": the n-th delay lies in [d/2, d] where d = min(max, initial * 2^n).
 * Jitter keeps many clients from reconnecting in lock step after a server restart. Not thread safe: used
 * only on the engine's loop.
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final Random random;
    private int failures;

    Backoff(Duration initial, Duration max, Random random) {
        if (initial.isZero() || initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max");
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The delay before the next attempt; each call counts one more consecutive failure. */
    Duration next() {
        long ceiling = ceilingMillis(failures);
        failures++;
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.nextDouble() * (ceiling - half)));
    }

    /** Consecutive failures since the last {@link #reset()}. */
    int failures() {
        return failures;
    }

    /** A link came up: the next failure starts from the initial delay again. */
    void reset() {
        failures = 0;
    }

    private long ceilingMillis(int n) {
        long d = initial.toMillis();
        for (int i = 0; i < n && d < max.toMillis(); i++) {
            d *= 2;
        }
        return Math.min(d, max.toMillis());
    }
}
