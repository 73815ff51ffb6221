package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * {@code fanout}: for each group size G, a fresh server with G online members (one subscribed WebSocket each)
 * and one group holding them all; one member sends into it at a fixed rate, and every member (the sender's own
 * stream included) must receive each message exactly once. Latency per delivery is measured from the message's
 * scheduled send time to its arrival at that member. A warmup at the same rate is delivered and checked but not
 * recorded.
 */
final class FanoutScenario {
    static final String CREATE = "create_group";

    private final Bench bench;

    FanoutScenario(Bench bench) {
        this.bench = bench;
    }

    Result run() throws Exception {
        Options o = bench.options;
        int[] sizes = o.smoke ? o.ints("group-size", 10) : o.ints("group-size", 100, 1000);
        int rate = o.ints("rates", o.smoke ? 20 : 10)[0];
        int seconds = o.integer("step-seconds", o.smoke ? 2 : 30);
        int warmupSeconds = o.integer("warmup-seconds", o.smoke ? 0 : 10);
        Result result = new Result("fanout").put("rate", rate).put("step_seconds", seconds)
                .put("warmup_seconds", warmupSeconds);
        for (int members : sizes) {
            if (!step(members, rate, seconds, warmupSeconds, result)) {
                break;
            }
        }
        return result;
    }

    /** The median over measured messages of (arrival - intended send), for first or last deliveries. */
    static double medianMs(AtomicLongArray arrivals, long epoch, long[] intendedAt, int from) {
        long[] d = new long[intendedAt.length - from];
        for (int k = from; k < intendedAt.length; k++) {
            d[k - from] = epoch + arrivals.get(k) - intendedAt[k];
        }
        if (d.length == 0) {
            return 0;
        }
        java.util.Arrays.sort(d);
        return Latency.ms(d[d.length / 2]);
    }

    /** One group size on its own server; false when the server cannot create groups. */
    private boolean step(int members, int rate, int seconds, int warmupSeconds, Result result) throws Exception {
        try (Bench.Env env = bench.env("fanout", members); WsTransport transport = new WsTransport(env.port(), 16)) {
            List<User> users = env.users();
            int warmup = rate * warmupSeconds;
            int total = warmup + rate * seconds;
            AtomicIntegerArray received = new AtomicIntegerArray(total * members);
            AtomicLong duplicates = new AtomicLong();
            AtomicLong arrivals = new AtomicLong();
            Latency latency = new Latency();
            // Per message: when its first and its last member delivery arrived (to split commit from fan-out).
            AtomicLongArray first = new AtomicLongArray(total);
            AtomicLongArray last = new AtomicLongArray(total);
            long epoch = System.nanoTime() - 1; // arrivals are kept as nanos since epoch, so 0 means none yet
            AtomicLongArray acked = new AtomicLongArray(total);
            List<WsClient> clients = WsDmLink.connectAll(transport, users, members, (client, event, now) -> {
                String body = event.body();
                String[] f = body == null ? new String[0] : body.split("\\|", 4);
                if (f.length == 4 && f[0].equals("g")) {
                    int k = Integer.parseInt(f[1]);
                    if (received.incrementAndGet(k * members + client.index) == 1) {
                        arrivals.incrementAndGet();
                        first.accumulateAndGet(k, now - epoch, (a, b) -> a == 0 ? b : Math.min(a, b));
                        last.accumulateAndGet(k, now - epoch, Math::max);
                        if (k >= warmup) {
                            latency.record(now - Long.parseLong(f[2]));
                        }
                    } else {
                        duplicates.incrementAndGet();
                    }
                }
            }, true);
            String names = users.stream().skip(1).map(u -> Wire.str(u.username())).collect(Collectors.joining(","));
            JsonNode created;
            try {
                created = clients.get(0).request(CREATE, "\"name\":\"bench\",\"members\":[" + names + "]")
                        .get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                String code = e.getCause() instanceof Wire.ServerError se ? se.code : e.getCause().toString();
                result.put("supported", false).put("note", CREATE + " answered " + code);
                bench.log("fanout: groups not supported by this server (%s -> %s)", CREATE, code);
                clients.forEach(WsClient::close);
                return false;
            }
            long conversationId = created.path("conversation").path("conversationId")
                    .asLong(created.path("conversationId").asLong());
            bench.log("fanout: group of %d created; %d s warmup, then %d s at %d msg/s", members, warmupSeconds,
                    seconds, rate);
            WsClient sender = clients.get(0);
            List<CompletableFuture<JsonNode>> acks = new ArrayList<>();
            long start = System.nanoTime();
            long pid = env.pid();
            long serverCpu = 0;
            long ownCpu = 0;
            long measuredFrom = start;
            long[] intendedAt = new long[total];
            for (int k = 0; k < total; k++) {
                long intended = start + k * 1_000_000_000L / rate;
                intendedAt[k] = intended;
                LockSupport.parkNanos(intended - System.nanoTime());
                if (k == warmup) {
                    serverCpu = ServerProbe.cpuMillis(pid);
                    ownCpu = ServerProbe.cpuMillis(ProcessHandle.current().pid());
                    measuredFrom = System.nanoTime();
                }
                int message = k;
                acks.add(sender.request("send", Wire.sendToConversation(conversationId, "g" + k,
                        "g|" + k + "|" + intended + "|fanout")).whenComplete((r, e) -> acked.set(message,
                        System.nanoTime() - epoch)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long expected = (long) total * members; // every member, the sender's own stream included
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (arrivals.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            double wallMs = (System.nanoTime() - measuredFrom) / 1e6;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group_size", members);
            row.put("rate", rate);
            row.put("deliveries_per_s", (long) rate * members);
            row.put("expected", expected);
            row.put("delivered", arrivals.get());
            row.put("dups", duplicates.get());
            row.putAll(Latency.summary(latency.snapshot()));
            row.remove("count");
            row.put("ack_p50_ms", medianMs(acked, epoch, intendedAt, warmup));
            row.put("first_p50_ms", medianMs(first, epoch, intendedAt, warmup));
            row.put("last_p50_ms", medianMs(last, epoch, intendedAt, warmup));
            // -Dconfab.bench.fanoutTrace=<prefix>: per message (warmup included) the times from its scheduled send to
            // the ack and to the first and last member delivery, in <prefix>-<members>.tsv, to find which messages
            // make the tail.
            String trace = System.getProperty("confab.bench.fanoutTrace");
            if (trace != null) {
                try (java.io.PrintWriter w = new java.io.PrintWriter(trace + "-" + members + ".tsv")) {
                    w.println("# epoch_wall_ms " + (System.currentTimeMillis() - (System.nanoTime() - epoch) / 1_000_000));
                    w.println("k\tintended_ms\tack_ms\tfirst_ms\tlast_ms");
                    for (int k = 0; k < total; k++) {
                        long at = intendedAt[k] - epoch;
                        w.printf("%d\t%.3f\t%.3f\t%.3f\t%.3f%n", k, at / 1e6, (acked.get(k) - at) / 1e6,
                                (first.get(k) - at) / 1e6, (last.get(k) - at) / 1e6);
                    }
                }
            }
            row.put("server_cpu_pct", pid > 0 ? Math.round((ServerProbe.cpuMillis(pid) - serverCpu) * 100 / wallMs) : -1);
            row.put("bench_cpu_pct",
                    Math.round((ServerProbe.cpuMillis(ProcessHandle.current().pid()) - ownCpu) * 100 / wallMs));
            result.steps.add(row);
            result.put("supported", true);
            if (arrivals.get() != expected) {
                result.problem("group of " + members + ": " + (expected - arrivals.get())
                        + " member deliveries missing");
            }
            if (duplicates.get() > 0) {
                result.problem("group of " + members + ": " + duplicates.get() + " duplicate deliveries");
            }
            clients.forEach(WsClient::close);
            return true;
        }
    }
}
