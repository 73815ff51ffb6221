package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * {@code reconnect}: K subscribed clients; a first burst of messages is delivered, a tenth of the clients go
 * offline, a second burst is sent and the server is killed with SIGKILL in the middle of it and restarted on
 * the same data directory. Every client reconnects with backoff and jitter, authenticates, subscribes from
 * its cursor and is caught up once its cursor reaches the stream's newest seq. Reports the time from the kill
 * until all are back and caught up, and checks that every stream stayed gap- and repeat-free and that every
 * acknowledged message reached every device of its recipient.
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
        Result result = new Result("reconnect").put("clients", count).put("users", userCount);
        try (Bench.Env env = bench.env("reconnect", userCount); WsTransport transport = new WsTransport(env.port(), 64)) {
            if (env.server() == null) {
                result.problem("reconnect needs a server it starts itself (no --port)");
                return result;
            }
            List<User> users = env.users();
            int[] partner = DmScenario.pairs(userCount, 42);
            int messages = 2 * userCount;
            AtomicIntegerArray deliveries = new AtomicIntegerArray(messages);
            State state = new State(count, transport, bench);
            List<WsClient> clients = WsDmLink.connectAll(transport, users, count, new WsClient.Listener() {
                @Override
                public void onEvent(WsClient client, JsonNode event, long now) {
                    String[] f = event.path("message").path("body").asText().split("\\|");
                    if (f.length == 3 && f[0].equals("r") && client.user.index() != Integer.parseInt(f[2])) {
                        deliveries.incrementAndGet(Integer.parseInt(f[1]));
                    }
                    state.progress(client);
                }

                @Override
                public void onClose(WsClient client, CloseReason reason) {
                    state.lost(client);
                }
            }, true);
            state.clients = clients;
            bench.log("reconnect: %d clients connected and subscribed", count);
            boolean[] acked = new boolean[messages];
            burst(clients, users, partner, 0, userCount, acked).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < count; i += 10) {
                state.pause(clients.get(i));
            }
            CompletableFuture<Void> second = burst(clients, users, partner, userCount, 2 * userCount, acked);
            Thread.sleep(o.smoke ? 50 : 200);
            long killedAt = System.nanoTime();
            state.killedAt = killedAt;
            env.server().kill9();
            second.handle((v, e) -> null).get(30, TimeUnit.SECONDS);
            env.server().restart();
            long listeningAt = System.nanoTime();
            state.resumePaused();
            boolean allBack = state.awaitCaughtUp(deadlineSeconds);
            result.put("restart_ms", (listeningAt - killedAt) / 1_000_000);
            result.put("all_caught_up", allBack);
            Histogram back = state.caughtUp.snapshot();
            result.put("caught_up_count", back.getTotalCount());
            result.put("all_caught_up_ms", (state.lastCaughtUp.get() - killedAt) / 1_000_000);
            result.put("caught_up_after_kill", Latency.summary(back));
            result.put("connect_attempts", state.attempts.get()).put("connect_failures", state.failures.get());
            verify(result, clients, users, partner, deliveries, acked, count);
            if (!allBack) {
                result.problem((count - back.getTotalCount()) + " clients not caught up within " + deadlineSeconds + " s");
            }
            clients.forEach(WsClient::close);
        }
        return result;
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

    /** Per-client reconnect bookkeeping: backoff with jitter, and when each client caught up. */
    private static final class State {
        final Latency caughtUp = new Latency();
        final AtomicLong lastCaughtUp = new AtomicLong();
        final AtomicLong attempts = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final long[] targets;
        final boolean[] done;
        final boolean[] paused;
        final WsTransport transport;
        final Bench bench;
        volatile List<WsClient> clients;
        volatile long killedAt;

        State(int count, WsTransport transport, Bench bench) {
            this.targets = new long[count];
            this.done = new boolean[count];
            this.paused = new boolean[count];
            this.transport = transport;
            this.bench = bench;
        }

        synchronized void pause(WsClient c) {
            paused[c.index] = true;
            c.close();
        }

        void lost(WsClient c) {
            synchronized (this) {
                if (killedAt == 0 && paused[c.index]) {
                    return;
                }
            }
            reconnect(c, 0);
        }

        void resumePaused() {
            for (WsClient c : clients) {
                if (paused[c.index]) {
                    reconnect(c, 0);
                }
            }
        }

        void reconnect(WsClient c, int attempt) {
            long base = Math.min(2000, 50L << Math.min(attempt, 6));
            long delay = ThreadLocalRandom.current().nextLong(base / 2, base + 1);
            transport.timers.schedule(() -> {
                attempts.incrementAndGet();
                c.start(true).whenComplete((latest, e) -> {
                    if (e != null) {
                        failures.incrementAndGet();
                        if (c.isOpen()) {
                            c.close(); // its onClose schedules the next attempt
                        } else {
                            reconnect(c, attempt + 1);
                        }
                        return;
                    }
                    synchronized (this) {
                        targets[c.index] = latest;
                    }
                    progress(c);
                });
            }, delay, TimeUnit.MILLISECONDS);
        }

        synchronized void progress(WsClient c) {
            if (killedAt == 0 || done[c.index] || targets[c.index] == 0 && !c.isOpen()) {
                return;
            }
            if (c.lastSeq() >= targets[c.index] && targets[c.index] > 0) {
                done[c.index] = true;
                long now = System.nanoTime();
                caughtUp.record(now - killedAt);
                lastCaughtUp.accumulateAndGet(now, Math::max);
            }
        }

        boolean awaitCaughtUp(int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (caughtUp.snapshot().getTotalCount() >= done.length) {
                    return true;
                }
                Thread.sleep(20);
            }
            return false;
        }
    }
}
