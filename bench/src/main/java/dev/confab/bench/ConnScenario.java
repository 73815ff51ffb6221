package dev.confab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code conn}: holds N authenticated, subscribed, idle WebSockets (pinging every 20 s like a client) spread
 * over generator JVMs of at most {@code --per-process} connections each, and reports the server's RSS and
 * heap after a full GC at each step, per connection over the idle baseline.
 */
final class ConnScenario {
    private final Bench bench;

    ConnScenario(Bench bench) {
        this.bench = bench;
    }

    Result run() throws Exception {
        Options o = bench.options;
        int[] steps = o.ints("connections", o.smoke ? new int[] {20, 50} : new int[] {1000, 5000, 10000});
        int perProcess = o.integer("per-process", o.smoke ? 30 : 9000);
        int max = steps[steps.length - 1];
        int procs = (max + perProcess - 1) / perProcess;
        int userCount = o.integer("users", o.smoke ? 10 : Math.min(max, 1000));
        Result result = new Result("conn").put("users", userCount).put("generator_processes", procs)
                .put("subscribed", !o.flag("no-subscribe"));
        try (Bench.Env env = bench.env("conn", userCount)) {
            long pid = env.pid();
            Path tokens = env.runDir().resolve("tokens.tsv");
            Files.write(tokens, env.users().stream().map(u -> u.username() + "\t" + u.userId() + "\t" + u.token())
                    .toList());
            Thread.sleep(2000);
            Map<String, Object> base = measure(pid, 0, 0);
            result.put("baseline_rss_mib", base.get("rss_mib")).put("baseline_heap_mib", base.get("heap_mib"));
            long baseRss = (long) base.get("rss_kib");
            long baseHeap = (long) base.get("heap_kib");
            List<Worker> workers = new ArrayList<>();
            try {
                for (int w = 0; w < procs; w++) {
                    workers.add(Worker.start(env.port(), tokens, w * perProcess, !o.flag("no-subscribe")));
                }
                long opened = 0;
                for (int step : steps) {
                    long started = System.nanoTime();
                    List<CompletableFuture<long[]>> answers = new ArrayList<>();
                    for (int w = 0; w < procs; w++) {
                        int share = step / procs + (w < step % procs ? 1 : 0);
                        answers.add(workers.get(w).open(share));
                    }
                    long failed = 0;
                    opened = 0;
                    for (CompletableFuture<long[]> a : answers) {
                        long[] r = a.get(300, TimeUnit.SECONDS);
                        opened += r[0];
                        failed += r[1];
                    }
                    double openSeconds = (System.nanoTime() - started) / 1e9;
                    Thread.sleep(o.smoke ? 500 : 3000);
                    Map<String, Object> row = measure(pid, step, opened);
                    row.put("failed", failed);
                    row.put("open_s", Math.round(openSeconds * 10) / 10.0);
                    long rss = (long) row.remove("rss_kib");
                    long heap = (long) row.remove("heap_kib");
                    row.put("rss_per_conn_kib", opened == 0 ? 0 : Math.round((rss - baseRss) * 10.0 / opened) / 10.0);
                    row.put("heap_per_conn_kib", opened == 0 ? 0 : Math.round((heap - baseHeap) * 10.0 / opened) / 10.0);
                    result.steps.add(row);
                    bench.log("conn: %s", row);
                    if (failed > 0) {
                        result.problem(failed + " of " + step + " connections failed to open");
                    }
                }
                Thread.sleep(o.integer("hold-seconds", o.smoke ? 1 : 10) * 1000L);
                long still = 0;
                for (Worker w : workers) {
                    still += w.quit();
                }
                result.put("held_open_after_hold", still);
                if (still < opened) {
                    result.problem((opened - still) + " connections were dropped while idle");
                }
            } finally {
                workers.forEach(Worker::kill);
            }
        }
        return result;
    }

    private static Map<String, Object> measure(long pid, int target, long open) {
        Map<String, Object> row = new LinkedHashMap<>();
        long heap = ServerProbe.heapAfterGcKib(pid);
        long rss = ServerProbe.rssKib(pid);
        row.put("connections", target);
        row.put("open", open);
        row.put("rss_kib", rss);
        row.put("heap_kib", heap);
        row.put("rss_mib", rss / 1024);
        row.put("heap_mib", heap / 1024);
        row.put("threads", ServerProbe.threads(pid));
        row.put("fds", ServerProbe.openFiles(pid));
        return row;
    }

    /** One generator JVM running {@link ConnWorker}. */
    private record Worker(Process process, PrintWriter in, BufferedReader out) {
        static Worker start(int port, Path tokens, int offset, boolean subscribe) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx3g", "-cp", System.getProperty("java.class.path"), BenchMain.class.getName(), "conn-worker",
                    "--port", Integer.toString(port), "--work-dir", tokens.toString(), "--clients",
                    Integer.toString(offset)));
            if (!subscribe) {
                cmd.add("--no-subscribe");
            }
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new Worker(p, new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8),
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        }

        CompletableFuture<long[]> open(int total) {
            in.println("OPEN " + total);
            return CompletableFuture.supplyAsync(() -> {
                String[] f = expect("OPENED").split(" ");
                return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])};
            });
        }

        long quit() throws Exception {
            in.println("QUIT");
            return CompletableFuture.supplyAsync(() -> Long.parseLong(expect("BYE").split(" ")[1]))
                    .get(60, TimeUnit.SECONDS);
        }

        private String expect(String prefix) {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("conn worker exited before answering " + prefix);
        }

        void kill() {
            process.destroyForcibly();
        }
    }
}
