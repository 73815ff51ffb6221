package dev.confab.bench;

import java.util.Random;

/**
 * How long a bench client waits before its next connection attempt: exponential backoff with "equal jitter",
 * the n-th consecutive failure waits a random time in [d/2, d] where d = min(max, initial * 2^n). This is the
 * desktop client's rule ({@code client-fx} {@code Backoff}, used by {@code ConnectionEngine}), so the storm the
 * server sees has the shape real clients give it. Immutable and thread safe.
 *
 * <p>Chosen with the system property {@code confab.bench.backoff}: {@code desktop} (the default: 1 s doubling to
 * 30 s, as {@code ClientConfig.defaults}), {@code eager} (50 ms doubling to 2 s, the bench's rule until it
 * copied the desktop's) or {@code INITIAL_MS,MAX_MS}.
 */
record ReconnectPolicy(String name, long initialMillis, long maxMillis) {
    static final ReconnectPolicy DESKTOP = new ReconnectPolicy("desktop", 1000, 30_000);
    static final ReconnectPolicy EAGER = new ReconnectPolicy("eager", 50, 2000);

    ReconnectPolicy {
        if (initialMillis <= 0 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initialMillis + "," + maxMillis);
        }
    }

    /** The delay before the next attempt after {@code failures} consecutive failed attempts (0 = just lost). */
    long delayMillis(int failures, Random random) {
        long ceiling = initialMillis;
        for (int i = 0; i < failures && ceiling < maxMillis; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxMillis);
        long half = ceiling / 2;
        return half + (long) (random.nextDouble() * (ceiling - half));
    }

    static ReconnectPolicy fromSystemProperty() {
        return parse(System.getProperty("confab.bench.backoff", "desktop"));
    }

    static ReconnectPolicy parse(String spec) {
        return switch (spec.trim()) {
            case "desktop" -> DESKTOP;
            case "eager" -> EAGER;
            default -> {
                String[] parts = spec.split(",");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("confab.bench.backoff: desktop, eager or INITIAL_MS,MAX_MS");
                }
                yield new ReconnectPolicy(spec.trim(), Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim()));
            }
        };
    }
}
