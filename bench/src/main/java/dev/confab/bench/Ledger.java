package dev.confab.bench;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * What happened to each bench message, by its number k: acknowledged or refused, and how many times it
 * reached its recipient and its sender's own stream (the echo every member gets). Thread safe.
 */
final class Ledger {
    static final int ACKED = 1;
    static final int FAILED = 2;
    static final int DUPLICATE_ACK = 4;

    private final AtomicIntegerArray state;
    private final AtomicIntegerArray toPeer;
    private final AtomicIntegerArray echo;

    Ledger(int capacity) {
        state = new AtomicIntegerArray(capacity);
        toPeer = new AtomicIntegerArray(capacity);
        echo = new AtomicIntegerArray(capacity);
    }

    int capacity() {
        return state.length();
    }

    void acked(int k, boolean duplicate) {
        state.accumulateAndGet(k, duplicate ? ACKED | DUPLICATE_ACK : ACKED, (a, b) -> a | b);
    }

    void failed(int k) {
        state.accumulateAndGet(k, FAILED, (a, b) -> a | b);
    }

    /** Returns how many times message k has now reached this kind of receiver. */
    int delivered(int k, boolean peer) {
        return (peer ? toPeer : echo).incrementAndGet(k);
    }

    /** Counts over messages [from, to). */
    Counts count(int from, int to) {
        long acked = 0;
        long failed = 0;
        long delivered = 0;
        long lost = 0;
        long duplicates = 0;
        long echoLost = 0;
        long echoDuplicates = 0;
        long duplicateAcks = 0;
        for (int k = from; k < to; k++) {
            int s = state.get(k);
            int p = toPeer.get(k);
            int e = echo.get(k);
            if ((s & ACKED) != 0) {
                acked++;
                lost += p == 0 ? 1 : 0;
                echoLost += e == 0 ? 1 : 0;
            }
            failed += (s & FAILED) != 0 ? 1 : 0;
            duplicateAcks += (s & DUPLICATE_ACK) != 0 ? 1 : 0;
            delivered += p > 0 ? 1 : 0;
            duplicates += Math.max(0, p - 1);
            echoDuplicates += Math.max(0, e - 1);
        }
        return new Counts(to - from, acked, failed, delivered, lost, duplicates, echoLost, echoDuplicates,
                duplicateAcks);
    }

    /**
     * @param lost acknowledged (durable) but never delivered to the recipient
     * @param duplicates extra deliveries to the recipient beyond the first
     */
    record Counts(long sent, long acked, long failed, long delivered, long lost, long duplicates, long echoLost,
                  long echoDuplicates, long duplicateAcks) {
    }
}
