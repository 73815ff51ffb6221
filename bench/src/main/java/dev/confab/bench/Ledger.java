package dev.confab.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

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
    private final Map<String, LongAdder> failureCauses = new ConcurrentHashMap<>();
    private final Map<String, String> failureExamples = new ConcurrentHashMap<>();

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

    /** Message k was refused: by an {@code error} reply (counted by its code) or by a transport failure (its class). */
    void failed(int k, Throwable failure) {
        state.accumulateAndGet(k, FAILED, (a, b) -> a | b);
        Throwable t = unwrap(failure);
        String cause = t instanceof Wire.ServerError e ? e.code : t.getClass().getName();
        failureCauses.computeIfAbsent(cause, c -> new LongAdder()).increment();
        failureExamples.putIfAbsent(cause, String.valueOf(t.getMessage()));
    }

    /** How many sends were refused, by cause: a server error code, or the exception that ended the request. */
    Map<String, Long> failureCauses() {
        Map<String, Long> causes = new TreeMap<>();
        failureCauses.forEach((cause, n) -> causes.put(cause, n.sum()));
        return causes;
    }

    /** The message of the first refusal of each cause. */
    Map<String, String> failureExamples() {
        return new TreeMap<>(failureExamples);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
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
