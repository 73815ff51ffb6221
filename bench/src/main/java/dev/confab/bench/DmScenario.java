package dev.confab.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code dm} (WebSocket) and {@code poll} (HTTP long-poll): U online users in random pairs; an open-loop pacer
 * sends at each aggregate rate for D seconds (send times follow the schedule, not the replies, and latency is
 * measured from the scheduled time so a slow server cannot hide its delay). Each receiver records end-to-end
 * latency; every message is checked to arrive exactly once at its recipient and once as the sender's echo.
 */
final class DmScenario {
    private static final int MAX_IN_FLIGHT = 200_000;
    private static final double SATURATED_P99_MS = 1_000;

    private final Bench bench;
    private final boolean poll;
    private final String name;

    DmScenario(Bench bench, boolean poll) {
        this.bench = bench;
        this.poll = poll;
        this.name = poll ? "poll" : "dm";
    }

    Result run() throws Exception {
        Options o = bench.options;
        int userCount = o.integer("users", o.smoke ? 10 : 1000);
        int[] rates = o.ints("rates", o.smoke ? new int[] {100, 300} : new int[] {2000, 5000, 10000, 20000, 40000});
        int seconds = o.integer("step-seconds", o.smoke ? 2 : 15);
        int warmup = o.integer("warmup-seconds", o.smoke ? 1 : 5);
        int drain = o.integer("drain-seconds", o.smoke ? 10 : 15);
        double maxP99 = o.integer("max-p99-ms", 50);
        String pad = "x".repeat(Math.max(0, o.integer("body-bytes", 100) - 40));
        Result result = new Result(name).put("users", userCount).put("step_seconds", seconds)
                .put("transport", poll ? "http-long-poll" : "websocket");
        try (Bench.Env env = bench.env(name, userCount);
             DmLink link = poll ? new PollDmLink(env.port()) : new WsDmLink(env.port())) {
            List<User> users = env.users();
            int[] partner = pairs(userCount, o.longValue("seed", 42));
            List<Phase> phases = plan(rates, seconds, warmup);
            Ledger ledger = new Ledger(phases.get(phases.size() - 1).to + 1);
            link.open(users, (receiver, body, now) -> {
                if (body == null || !body.startsWith("b|")) {
                    return;
                }
                String[] f = body.split("\\|", 5);
                Phase phase = phases.get(Integer.parseInt(f[1]));
                int k = Integer.parseInt(f[2]);
                boolean peer = receiver != k % userCount;
                if (ledger.delivered(k, peer) == 1) {
                    if (peer) {
                        phase.latency.record(now - Long.parseLong(f[3]));
                        phase.deliveredAt(now);
                    } else {
                        phase.echoed.incrementAndGet();
                    }
                }
            });
            bench.log("%s: %d users connected and subscribed", name, userCount);
            long pid = env.pid();
            List<Phase> ran = new ArrayList<>();
            for (Phase phase : phases) {
                ran.add(phase);
                long serverCpu = ServerProbe.cpuMillis(pid);
                Map<String, Long> threadCpu = ServerProbe.threadCpuMillis(pid);
                long ownCpu = ownCpuNanos();
                long machineCpu = ServerProbe.machineBusyMillis();
                if (phase.index == 1 && o.has("jfr") && pid > 0) {
                    bench.log("%s: %s", name, ServerProbe.jcmd(pid, "JFR.start", "name=bench", "settings=profile",
                            "filename=" + java.nio.file.Path.of(o.string("jfr", "")).toAbsolutePath()).trim());
                }
                pace(phase, link, ledger, users, partner, pad);
                double wallMs = (phase.endNanos - phase.startNanos) / 1e6;
                long serverCpuMs = ServerProbe.cpuMillis(pid) - serverCpu;
                Map<String, Long> threads = ServerProbe.threadCpuPercent(threadCpu, ServerProbe.threadCpuMillis(pid),
                        wallMs);
                long ownCpuMs = (ownCpuNanos() - ownCpu) / 1_000_000;
                long machineCpuMs = ServerProbe.machineBusyMillis() - machineCpu;
                awaitSettled(List.of(phase), drain);
                if (phase.index == 0 && warmup > 0) {
                    continue;
                }
                Map<String, Object> row = DmReport.row(phase, ledger.count(phase.from, phase.to));
                row.put("server_cpu_pct", pid > 0 ? Math.round(serverCpuMs * 100 / wallMs) : -1);
                row.put("bench_cpu_pct", Math.round(ownCpuMs * 100 / wallMs));
                // Everything else on the machine (other processes, kernel work not charged to ours); 200 = 2 cores.
                row.put("other_cpu_pct", pid > 0 ? Math.round((machineCpuMs - serverCpuMs - ownCpuMs) * 100 / wallMs) : -1);
                result.steps.add(row);
                result.put("server_thread_cpu_pct_at_" + phase.rate, threads);
                bench.log("%s: %s", name, row);
                bench.log("%s: server threads %% of one core at %d msg/s: %s", name, phase.rate, threads);
                if (!o.flag("keep-going") && (phase.aborted || (double) row.get("p99_ms") > SATURATED_P99_MS
                        || (long) row.get("late") > 0)) {
                    bench.log("%s: saturated at %d msg/s, stopping", name, phase.rate);
                    break;
                }
            }
            if (o.has("jfr") && pid > 0) {
                bench.log("%s: %s", name, ServerProbe.jcmd(pid, "JFR.stop", "name=bench").trim());
            }
            awaitSettled(ran, Math.max(drain, 30));
            DmReport.finish(result, ledger, ran, link, maxP99);
        }
        return result;
    }

    private static List<Phase> plan(int[] rates, int seconds, int warmup) {
        List<Phase> phases = new ArrayList<>();
        int next = 0;
        if (warmup > 0) {
            phases.add(new Phase(0, "warmup", Math.min(rates[0], 2000), warmup, next));
            next = phases.get(0).to;
        }
        for (int rate : rates) {
            Phase p = new Phase(phases.size(), rate + "/s", rate, seconds, next);
            phases.add(p);
            next = p.to;
        }
        return phases;
    }

    /** Sends phase.planned() messages on schedule from this thread; message i is due at start + i / rate. */
    private void pace(Phase phase, DmLink link, Ledger ledger, List<User> users, int[] partner, String pad) {
        double interval = 1e9 / phase.rate;
        int planned = phase.planned();
        int userCount = users.size();
        long start = System.nanoTime();
        phase.startNanos = start;
        int i = 0;
        while (i < planned) {
            long now = System.nanoTime();
            int due = (int) Math.min(planned, (now - start) / interval + 1);
            for (; i < due; i++) {
                int k = phase.from + i;
                long intended = start + (long) (i * interval);
                phase.maxLagNanos = Math.max(phase.maxLagNanos, now - intended);
                int sender = k % userCount;
                String body = "b|" + phase.index + "|" + k + "|" + intended + "|" + pad;
                link.send(sender, users.get(partner[sender]).username(), "k" + k, body, (reply, failure) -> {
                    if (failure != null) {
                        ledger.failed(k, failure);
                        phase.failed.incrementAndGet();
                    } else {
                        ledger.acked(k, reply.path("duplicate").asBoolean());
                        phase.acked.incrementAndGet();
                        phase.ackLatency.record(System.nanoTime() - intended);
                    }
                });
            }
            if (i - phase.acked.get() - phase.failed.get() > MAX_IN_FLIGHT) {
                phase.aborted = true;
                break;
            }
            if (i < planned) {
                long sleep = start + (long) (i * interval) - System.nanoTime();
                if (sleep > 0) {
                    LockSupport.parkNanos(sleep);
                }
            }
        }
        phase.to = phase.from + i;
        phase.endNanos = System.nanoTime();
    }

    private static void awaitSettled(List<Phase> phases, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline && !phases.stream().allMatch(Phase::settled)) {
            Thread.sleep(20);
        }
    }

    static int[] pairs(int count, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] partner = new int[count];
        for (int i = 0; i + 1 < count; i += 2) {
            partner[order.get(i)] = order.get(i + 1);
            partner[order.get(i + 1)] = order.get(i);
        }
        if (count % 2 == 1) {
            partner[order.get(count - 1)] = order.get(0);
        }
        return partner;
    }

    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
