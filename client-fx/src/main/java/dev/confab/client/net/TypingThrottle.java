package dev.confab.client.net;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Lets at most one typing notice per conversation through per {@link #INTERVAL}. The server refuses more than
 * one a second ({@code rate_limited}) and shows each notice for 6 s, so one every 3 s (the protocol's advice)
 * keeps the indicator on while the user types, with room for network jitter. Thread safe.
 */
final class TypingThrottle {
    static final Duration INTERVAL = Duration.ofSeconds(3);

    private final LongSupplier nanoTime;
    private final ConcurrentMap<Long, Long> lastSent = new ConcurrentHashMap<>();

    TypingThrottle(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** True if a notice for {@code conversationId} may go now (and counts it as sent). */
    boolean tryAcquire(long conversationId) {
        long now = nanoTime.getAsLong();
        boolean[] allowed = {false};
        lastSent.compute(conversationId, (id, previous) -> {
            if (previous == null || now - previous >= INTERVAL.toNanos()) {
                allowed[0] = true;
                return now;
            }
            return previous;
        });
        return allowed[0];
    }
}
