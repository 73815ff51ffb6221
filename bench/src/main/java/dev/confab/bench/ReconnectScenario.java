package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.HdrHistogram.Histogram;

/**
 * {@code reconnect}: K subscribed clients; a first burst of messages is delivered, a tenth of the clients go
 * offline, a second burst is sent and the server is killed with SIGKILL in the middle of it and restarted on
 * the same data directory. Every client reconnects with the desktop client's backoff ({@link ReconnectPolicy}),
 * authenticates, subscribes from its cursor and is caught up once its cursor reaches the stream's newest seq.
 * Reports the time from the kill until all are back and caught up, where that time went ({@link StormTimeline},
 * {@link StormCpu}), and checks that every stream stayed gap- and repeat-free and that every acknowledged
 * message reached every device of its recipient.
 *
 * <p>So that the generator measures the server rather than itself: every connect gets its own thread (Tyrus'
 * connect blocks, and a handshake whose socket is reset waits out the 10 s handshake timeout, which in a
 * fixed pool delays every client queued behind it); 16 Tyrus worker threads read the replies; and before the
 * kill the generator's threads drop to nice 10, so on a shared machine the restarting server gets the CPU first.
 * {@code --connect-threads N} brings back a fixed pool; {@code -Dconfab.bench.nice=0},
 * {@code -Dconfab.bench.tyrus.workers=N} and {@code -Dconfab.bench.backoff=...} change the others.
 */
final class ReconnectScenario {
    private final Bench bench;

    ReconnectScenario(Bench bench) {
        this.bench = bench;
    }

    Result run() throws Exception {
        Options o = bench.options;
        int count = o.integer("clients", o.smoke ? 20 : 10_000);
        int userCount = o.integer("users", o.smoke ? 10 : Math.min(count, 1000));
        int deadlineSeconds = o.integer("deadline-seconds", o.smoke ? 60 : 180);
        int connectThreads = o.integer("connect-threads", 0);
        ReconnectPolicy policy = ReconnectPolicy.fromSystemProperty();
        int nice = Integer.getInteger("confab.bench.nice", 10);
        int workers = Integer.getInteger("confab.bench.tyrus.workers", 16);
        Result result = new Result("reconnect").put("clients", count).put("users", userCount);
        try (Bench.Env env = bench.env("reconnect", userCount); WsTransport transport = new WsTransport(env.port(), connectThreads, workers, false)) {
            if (env.server() == null) {
                result.problem("reconnect needs a server it starts itself (no --port)");
                return result;
            }
            List<User> users = env.users();
            int[] partner = DmScenario.pairs(userCount, 42);
            int messages = 2 * userCount;
            AtomicIntegerArray deliveries = new AtomicIntegerArray(messages);
            ReconnectTracker tracker = new ReconnectTracker(count, transport, policy);
            List<WsClient> clients = WsDmLink.connectAll(transport, users, count, new WsClient.Listener() {
                @Override
                public void onEvent(WsClient client, EventsFrame.Event event, long now) {
                    String[] f = event.body() == null ? new String[0] : event.body().split("\\|");
                    if (f.length == 3 && f[0].equals("r") && client.user.index() != Integer.parseInt(f[2])) {
                        deliveries.incrementAndGet(Integer.parseInt(f[1]));
                    }
                    tracker.progress(client);
                }

                @Override
                public void onClose(WsClient client, CloseReason reason) {
                    tracker.lost(client);
                }
            }, true);
            tracker.clients = clients;
            bench.log("reconnect: %d clients connected and subscribed; backoff %s (%d ms doubling to %d ms, jitter [d/2, d])",
                    count, policy.name(), policy.initialMillis(), policy.maxMillis());
            boolean[] acked = new boolean[messages];
            burst(clients, users, partner, 0, userCount, acked).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < count; i += 10) {
                tracker.pause(clients.get(i));
            }
            CompletableFuture<Void> second = burst(clients, users, partner, userCount, 2 * userCount, acked);
            Thread.sleep(o.smoke ? 50 : 200);
            if (nice > 0) {
                bench.log("reconnect: %s", GeneratorPriority.lower(nice));
            }
            long killedAt = System.nanoTime();
            tracker.killing(killedAt);
            StormCpu down = StormCpu.start(0);
            env.server().kill9();
            long deadAt = System.nanoTime();
            second.handle((v, e) -> null).get(30, TimeUnit.SECONDS);
            long launchedAt = System.nanoTime();
            env.server().restart();
            long listeningAt = System.nanoTime();
            tracker.listening(listeningAt);
            Map<String, Object> cpuDown = down.end(env.pid());
            StormCpu storm = StormCpu.start(env.pid());
            bench.log("reconnect: server back after %d ms (kill -> gone %d ms, -> second burst settled %d ms, launch -> listening %d ms)",
                    ms(listeningAt - killedAt), ms(deadAt - killedAt), ms(launchedAt - killedAt), ms(listeningAt - launchedAt));
            tracker.resumePaused();
            boolean allBack = tracker.awaitCaughtUp(deadlineSeconds);
            tracker.stop();
            long end = System.nanoTime();
            Map<String, Object> cpuStorm = storm.end(env.pid());
            result.put("backoff", policy.name() + " " + policy.initialMillis() + "-" + policy.maxMillis() + " ms");
            result.put("connect_threads", connectThreads == 0 ? "one per connect" : connectThreads);
            result.put("generator_nice", nice).put("tyrus_workers", workers);
            result.put("restart_ms", ms(listeningAt - killedAt));
            result.put("launch_to_listening_ms", ms(listeningAt - launchedAt));
            result.put("all_caught_up", allBack);
            Histogram back = tracker.caughtUp.snapshot();
            result.put("caught_up_count", back.getTotalCount());
            result.put("all_caught_up_ms", ms(tracker.lastCaughtUp.get() - killedAt));
            result.put("all_caught_up_after_listening_ms", ms(tracker.lastCaughtUp.get() - listeningAt));
            result.put("caught_up_after_kill", Latency.summary(back));
            Map<String, Object> afterListening = new LinkedHashMap<>();
            afterListening.put("successful_attempt_started", Latency.summary(tracker.successfulAttemptStart.snapshot()));
            afterListening.put("subscribed", Latency.summary(tracker.subscribed.snapshot()));
            afterListening.put("caught_up", Latency.summary(tracker.caughtUpAfterListening.snapshot()));
            result.put("after_listening", afterListening);
            result.put("timer_late", Latency.summary(tracker.timerLate.snapshot()));
            result.put("connect_queue_wait", Latency.summary(tracker.connectQueue.snapshot()));
            result.put("handshake", Latency.summary(tracker.handshake.snapshot()));
            result.put("connect_attempts", tracker.attempts.get()).put("connect_failures", tracker.failures.get())
                    .put("attempts_before_listening", tracker.attemptsBeforeListening.get());
            result.put("cpu_kill_to_listening", cpuDown).put("cpu_listening_to_caught_up", cpuStorm);
            result.steps.addAll(tracker.timeline.rows(end, 500));
            verify(result, clients, users, partner, deliveries, acked, count);
            if (!allBack) {
                result.problem((count - back.getTotalCount()) + " clients not caught up within " + deadlineSeconds + " s");
            }
            clients.forEach(WsClient::close);
        }
        return result;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** Sends message k = from..to-1 from user k mod U to its partner (the body names k and the sender). */
    private static CompletableFuture<Void> burst(List<WsClient> clients, List<User> users, int[] partner, int from,
                                                 int to, boolean[] acked) {
        List<CompletableFuture<JsonNode>> all = new ArrayList<>();
        int userCount = users.size();
        for (int k = from; k < to; k++) {
            int sender = k % userCount;
            int key = k;
            all.add(clients.get(sender).request("send", Wire.send(users.get(partner[sender]).username(), "r" + k,
                    "r|" + k + "|" + sender)).whenComplete((r, e) -> acked[key] = e == null));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private static void verify(Result result, List<WsClient> clients, List<User> users, int[] partner,
                               AtomicIntegerArray deliveries, boolean[] acked, int count) {
        long duplicates = clients.stream().mapToLong(c -> c.duplicates.get()).sum();
        long gaps = clients.stream().mapToLong(c -> c.gaps.get()).sum();
        int userCount = users.size();
        long ackedCount = 0;
        long lost = 0;
        long partial = 0;
        for (int k = 0; k < acked.length; k++) {
            int recipient = partner[k % userCount];
            int devices = count / userCount + (recipient < count % userCount ? 1 : 0);
            int got = deliveries.get(k);
            if (acked[k]) {
                ackedCount++;
                lost += got < devices ? 1 : 0;
            } else if (got != 0 && got != devices) {
                partial++;
            }
        }
        result.put("messages_acked", ackedCount).put("lost", lost).put("stream_duplicates", duplicates)
                .put("stream_gaps", gaps).put("unacked_partially_delivered", partial);
        if (lost + duplicates + gaps + partial > 0) {
            result.problem("lost " + lost + ", duplicates " + duplicates + ", gaps " + gaps + ", partial " + partial);
        }
    }
}
