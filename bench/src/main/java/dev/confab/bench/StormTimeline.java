package dev.confab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What happened when during a reconnect storm: counts of connections lost, connection attempts, failed
 * attempts, completed WebSocket handshakes, clients set up again (subscribed) and clients caught up, in 100 ms
 * buckets from the kill. Thread safe.
 */
final class StormTimeline {
    enum Kind { LOST, ATTEMPT, FAILED, HANDSHAKE, READY, CAUGHT_UP }

    private static final long BUCKET_NANOS = 100_000_000L;
    private static final int BUCKETS = 3000;
    private static final int KINDS = Kind.values().length;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS * KINDS);
    private volatile long origin;

    /** Starts the clock (the kill); nothing is counted before. */
    void start(long nanos) {
        origin = nanos;
    }

    void add(Kind kind, long nanos) {
        long o = origin;
        if (o == 0 || nanos < o) {
            return;
        }
        int bucket = (int) Math.min(BUCKETS - 1, (nanos - o) / BUCKET_NANOS);
        counts.incrementAndGet(bucket * KINDS + kind.ordinal());
    }

    long total(Kind kind) {
        long sum = 0;
        for (int b = 0; b < BUCKETS; b++) {
            sum += counts.get(b * KINDS + kind.ordinal());
        }
        return sum;
    }

    /** One row per {@code rowMillis} from the kill until {@code untilNanos}: counts per kind, then running totals. */
    List<Map<String, Object>> rows(long untilNanos, int rowMillis) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int perRow = Math.max(1, (int) (rowMillis * 1_000_000L / BUCKET_NANOS));
        int last = (int) Math.min(BUCKETS - 1, Math.max(0, untilNanos - origin) / BUCKET_NANOS);
        long caughtUp = 0;
        long handshakes = 0;
        long subscribed = 0;
        for (int start = 0; start <= last; start += perRow) {
            long[] sums = new long[KINDS];
            for (int b = start; b < Math.min(start + perRow, BUCKETS); b++) {
                for (int k = 0; k < KINDS; k++) {
                    sums[k] += counts.get(b * KINDS + k);
                }
            }
            caughtUp += sums[Kind.CAUGHT_UP.ordinal()];
            handshakes += sums[Kind.HANDSHAKE.ordinal()];
            subscribed += sums[Kind.READY.ordinal()];
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("t_s", start * BUCKET_NANOS / 1e9);
            row.put("lost", sums[Kind.LOST.ordinal()]);
            row.put("attempts", sums[Kind.ATTEMPT.ordinal()]);
            row.put("failed", sums[Kind.FAILED.ordinal()]);
            row.put("handshakes", sums[Kind.HANDSHAKE.ordinal()]);
            row.put("subscribed", sums[Kind.READY.ordinal()]);
            row.put("caught_up", sums[Kind.CAUGHT_UP.ordinal()]);
            row.put("handshakes_total", handshakes);
            row.put("subscribed_total", subscribed);
            row.put("caught_up_total", caughtUp);
            rows.add(row);
        }
        return rows;
    }
}
