package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The dm scenario over HTTP: every user keeps one {@code GET /api/v1/events} long-poll parked and sends with
 * {@code POST /api/v1/rpc}. Each poll resumes from the last event seq it received, and checks the stream
 * for repeated or skipped seqs like the WebSocket client does. At most {@link #MAX_SENDS_IN_FLIGHT} sends are in
 * flight; later ones wait their turn here (their latency still counts from their scheduled time). Without that
 * bound, a saturated step made the JDK client open a connection per queued send until both processes ran out of
 * file descriptors.
 */
final class PollDmLink implements DmLink {
    private static final int WAIT_SECONDS = 20;
    static final int MAX_SENDS_IN_FLIGHT = 1000;

    private final HttpApi http;
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong pollErrors = new AtomicLong();
    private final Semaphore sendSlots = new Semaphore(MAX_SENDS_IN_FLIGHT);
    private final Queue<Runnable> waitingSends = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private List<User> users;

    PollDmLink(int port) {
        this.http = new HttpApi(port);
    }

    @Override
    public void open(List<User> users, Sink sink) throws Exception {
        this.users = users;
        CountDownLatch first = new CountDownLatch(users.size());
        for (int i = 0; i < users.size(); i++) {
            poll(i, 0, sink, first);
        }
        // The first poll of each user answers at once (wait=0), so every user is known to be reachable.
        if (!first.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("long-polls did not start: " + first.getCount() + " missing");
        }
    }

    private void poll(int user, long after, Sink sink, CountDownLatch first) {
        if (!running) {
            return;
        }
        int wait = first != null ? 0 : WAIT_SECONDS;
        http.events(users.get(user).token(), after, wait).whenComplete((reply, failure) -> {
            long last = after;
            if (failure != null) {
                pollErrors.incrementAndGet();
            } else {
                long now = System.nanoTime();
                for (JsonNode event : reply.path("events")) {
                    long seq = event.path("seq").asLong();
                    if (seq <= last) {
                        duplicates.incrementAndGet();
                        continue;
                    }
                    if (seq != last + 1) {
                        gaps.incrementAndGet();
                    }
                    last = seq;
                    sink.onMessage(user, "message".equals(event.path("type").asText())
                            ? event.path("message").path("body").asText(null) : null, now);
                }
                if (first != null) {
                    first.countDown();
                }
            }
            long next = last;
            if (failure == null) {
                poll(user, next, sink, null);
            } else {
                java.util.concurrent.CompletableFuture.runAsync(() -> poll(user, next, sink, first),
                        java.util.concurrent.CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
            }
        });
    }

    @Override
    public void send(int from, String to, String clientMsgId, String body, BiConsumer<JsonNode, Throwable> done) {
        waitingSends.add(() -> http.rpc(users.get(from).token(), "send", Wire.send(to, clientMsgId, body))
                .whenComplete((reply, failure) -> {
                    done.accept(reply, failure);
                    sendSlots.release();
                    startWaitingSends();
                }));
        startWaitingSends();
    }

    private void startWaitingSends() {
        while (!waitingSends.isEmpty() && sendSlots.tryAcquire()) {
            Runnable next = waitingSends.poll();
            if (next == null) {
                sendSlots.release();
            } else {
                next.run();
            }
        }
    }

    @Override
    public Map<String, Long> streamChecks() {
        return Map.of("stream_duplicates", duplicates.get(), "stream_gaps", gaps.get(),
                "poll_errors", pollErrors.get());
    }

    @Override
    public void close() {
        running = false;
        http.close();
    }
}
