package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code history}: bulk-loads one 1:1 conversation with up to M messages (pipelined sends over a few
 * connections, bounded by --load-seconds), restarts the server, then times {@code history} requests one
 * at a time: the latest 50, and 50 before a random seq in the oldest tenth, in two passes. The first pass
 * measures a just-restarted server (cold JIT, and RocksDB still compacting the files the bulk load left); the
 * second, a settled one. A fully loaded data directory is kept under {@code <work-dir>/prep/history-M} and reused.
 */
final class HistoryScenario {
    private final Bench bench;

    HistoryScenario(Bench bench) {
        this.bench = bench;
    }

    Result run() throws Exception {
        Options o = bench.options;
        long target = o.longValue("messages", o.smoke ? 2_000 : 10_000_000);
        int loadSeconds = o.integer("load-seconds", o.smoke ? 30 : 600);
        int connections = o.smoke ? 2 : 4;
        int window = o.integer("window", 512);
        int samples = o.integer("samples", o.smoke ? 100 : 15_000);
        Result result = new Result("history").put("target_messages", target);
        Path cache = o.workDir().resolve("prep").resolve("history-" + target);
        // Two users suffice; smoke reuses the 10-user pool the other smoke scenarios prepared.
        try (Bench.Env env = bench.env("history", o.smoke ? 10 : 2)) {
            long loaded;
            if (Files.isRegularFile(cache.resolve("loaded")) && env.server() != null) {
                loaded = Long.parseLong(Files.readString(cache.resolve("loaded")).trim());
                env.server().terminate();
                UserPool.deleteTree(env.server().dataDir());
                UserPool.copyTree(cache.resolve("data"), env.server().dataDir());
                env.server().restart();
                result.put("loaded_from_cache", cache.toString());
            } else {
                loaded = load(env, target, loadSeconds, connections, window, result);
                if (env.server() != null) {
                    env.server().terminate();
                    if (loaded == target && !o.smoke) {
                        UserPool.deleteTree(cache);
                        UserPool.copyTree(env.server().dataDir(), cache.resolve("data"));
                        Files.writeString(cache.resolve("loaded"), Long.toString(loaded));
                    }
                    env.server().restart();
                }
            }
            result.put("messages", loaded);
            if (env.server() != null) {
                result.put("rocksdb_mib", du(env.server().dataDir().resolve("rocksdb")) / (1024 * 1024));
            }
            measure(env, loaded, samples, result);
            if (env.pid() > 0) {
                result.put("server_rss_mib", ServerProbe.rssKib(env.pid()) / 1024);
            }
        }
        return result;
    }

    private long load(Bench.Env env, long target, int seconds, int connections, int window, Result result)
            throws Exception {
        User from = env.users().get(0);
        String to = env.users().get(1).username();
        AtomicLong next = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        String pad = "h".repeat(80);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        try (WsTransport transport = new WsTransport(env.port(), 4)) {
            List<WsClient> clients = WsDmLink.connectAll(transport, List.of(from), connections, (c, e, n) -> { }, false);
            List<Thread> loaders = new ArrayList<>();
            for (WsClient c : clients) {
                Thread t = new Thread(() -> {
                    Semaphore permits = new Semaphore(window);
                    try {
                        for (long k; System.nanoTime() < deadline && (k = next.getAndIncrement()) < target; ) {
                            permits.acquire();
                            c.request("send", Wire.send(to, "h" + k, "history " + k + " " + pad))
                                    .whenComplete((r, e) -> {
                                        (e == null ? acked : failed).incrementAndGet();
                                        permits.release();
                                    });
                        }
                        permits.tryAcquire(window, 60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "history-loader");
                t.start();
                loaders.add(t);
            }
            long lastLog = System.nanoTime();
            while (loaders.stream().anyMatch(Thread::isAlive)) {
                Thread.sleep(200);
                if (System.nanoTime() - lastLog > 10_000_000_000L) {
                    lastLog = System.nanoTime();
                    bench.log("history: %,d acked (%.0f msg/s)", acked.get(),
                            acked.get() / ((lastLog - started) / 1e9));
                }
            }
            clients.forEach(WsClient::close);
        }
        double took = (System.nanoTime() - started) / 1e9;
        result.put("load_seconds", Math.round(took)).put("load_rate_msg_s", Math.round(acked.get() / took))
                .put("load_failed", failed.get());
        if (failed.get() > 0) {
            result.problem(failed.get() + " bulk-load sends failed");
        }
        bench.log("history: loaded %,d messages in %.0f s (%.0f msg/s)", acked.get(), took, acked.get() / took);
        return acked.get();
    }

    private void measure(Bench.Env env, long loaded, int samples, Result result) throws Exception {
        try (WsTransport transport = new WsTransport(env.port(), 2)) {
            WsClient reader = WsDmLink.connectAll(transport, List.of(env.users().get(1)), 1, (c, e, n) -> { }, false)
                    .get(0);
            // The reader's first event names the conversation the loader filled.
            JsonNode sync = reader.request("sync", "\"after\":0,\"limit\":1").get(30, TimeUnit.SECONDS);
            long conversationId = sync.path("events").path(0).path("message").path("conversationId").asLong();
            if (conversationId == 0) {
                result.problem("the loaded conversation is empty");
                return;
            }
            Random random = new Random(7);
            for (String pass : List.of("first", "second")) {
                Latency latest = new Latency();
                Latency deep = new Latency();
                for (int i = 0; i < samples; i++) {
                    page(reader, conversationId, null, loaded, latest, result);
                    long before = 51 + (long) (random.nextDouble() * Math.max(1, loaded / 10 - 51));
                    page(reader, conversationId, before, loaded, deep, result);
                }
                result.put("latest50_" + pass, Latency.summary(latest.snapshot()));
                result.put("deep50_" + pass, Latency.summary(deep.snapshot()));
                bench.log("history %s pass: latest %s deep %s", pass, Latency.summary(latest.snapshot()),
                        Latency.summary(deep.snapshot()));
            }
            reader.close();
        }
    }

    private static void page(WsClient reader, long conversationId, Long before, long loaded, Latency latency,
                             Result result) throws Exception {
        String fields = "\"conversationId\":" + conversationId + ",\"limit\":50"
                + (before == null ? "" : ",\"before\":" + before);
        long started = System.nanoTime();
        JsonNode page = reader.request("history", fields).get(30, TimeUnit.SECONDS);
        latency.record(System.nanoTime() - started);
        JsonNode messages = page.path("messages");
        long expectLast = before == null ? loaded : Math.min(loaded, before - 1);
        long last = messages.size() == 0 ? 0 : messages.get(messages.size() - 1).path("seq").asLong();
        if (loaded > 0 && (last != expectLast || messages.size() != Math.min(50, expectLast))) {
            if (result.problems.size() < 5) {
                result.problem("history page before=" + before + " ended at seq " + last + " with "
                        + messages.size() + " messages; expected " + expectLast);
            }
        }
    }

    private static long du(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
