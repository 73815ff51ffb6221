package dev.confab.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** End-to-end latencies in nanoseconds, recorded from many threads into an HdrHistogram (3 significant digits). */
final class Latency {
    private static final long MAX_NANOS = 3_600_000_000_000L;
    private final Recorder recorder = new Recorder(MAX_NANOS, 3);
    private final Histogram total = new Histogram(MAX_NANOS, 3);

    void record(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(nanos, MAX_NANOS)));
    }

    /** Everything recorded so far (call from one thread). */
    synchronized Histogram snapshot() {
        total.add(recorder.getIntervalHistogram());
        return total.copy();
    }

    /** count, p50, p90, p99, p99.9 and max in milliseconds. */
    static Map<String, Object> summary(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50_ms", ms(h.getValueAtPercentile(50)));
        m.put("p90_ms", ms(h.getValueAtPercentile(90)));
        m.put("p99_ms", ms(h.getValueAtPercentile(99)));
        m.put("p999_ms", ms(h.getValueAtPercentile(99.9)));
        m.put("max_ms", ms(h.getMaxValue()));
        return m;
    }

    static double ms(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
