package dev.confab.bench;

import java.util.concurrent.atomic.AtomicLong;

/** One constant-rate step of a rate scenario: the numbers k of its messages and what happened to them so far. */
final class Phase {
    final int index;
    final String name;
    final int rate;
    final int seconds;
    final int from;
    int to;
    final Latency latency = new Latency();
    final Latency ackLatency = new Latency();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    /** Messages that have reached their sender's own stream (the echo), counted once each. */
    final AtomicLong echoed = new AtomicLong();
    volatile long lastDeliveryNanos;
    long startNanos;
    long endNanos;
    long maxLagNanos;
    boolean aborted;

    Phase(int index, String name, int rate, int seconds, int from) {
        this.index = index;
        this.name = name;
        this.rate = rate;
        this.seconds = seconds;
        this.from = from;
        this.to = from + rate * seconds;
    }

    int planned() {
        return rate * seconds;
    }

    long outstanding() {
        return (to - from) - acked.get() - failed.get();
    }

    void deliveredAt(long nanos) {
        delivered.incrementAndGet();
        if (nanos > lastDeliveryNanos) {
            lastDeliveryNanos = nanos;
        }
    }

    /** Every message answered, and every acknowledged one delivered to its recipient and echoed to its sender. */
    boolean settled() {
        long ackedNow = acked.get();
        return outstanding() == 0 && delivered.get() >= ackedNow && echoed.get() >= ackedNow;
    }
}
