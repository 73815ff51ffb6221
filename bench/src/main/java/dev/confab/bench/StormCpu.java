package dev.confab.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who used the CPU during one phase of the reconnect storm: this generator, the server, and everything else on
 * the machine (other engineers' builds and benchmarks share it), plus the busiest thread groups of generator and
 * server. Read from /proc; Linux only, -1 where unavailable. Not thread safe.
 */
final class StormCpu {
    private final long serverPid;
    private final long startNanos;
    private final long generatorCpu;
    private final long serverCpu;
    private final long machineBusy;
    private final Map<String, Long> generatorThreads;
    private final Map<String, Long> serverThreads;

    private StormCpu(long serverPid) {
        long self = ProcessHandle.current().pid();
        this.serverPid = serverPid;
        this.startNanos = System.nanoTime();
        this.generatorCpu = ServerProbe.cpuMillis(self);
        this.serverCpu = serverPid > 0 ? ServerProbe.cpuMillis(serverPid) : 0;
        this.machineBusy = ServerProbe.machineBusyMillis();
        this.generatorThreads = ServerProbe.threadCpuMillis(self);
        this.serverThreads = serverPid > 0 ? ServerProbe.threadCpuMillis(serverPid) : Map.of();
    }

    /** Starts a phase; {@code serverPid} 0 when no server process is running yet. */
    static StormCpu start(long serverPid) {
        return new StormCpu(serverPid);
    }

    /**
     * Ends the phase: wall time, CPU milliseconds of generator, server (the process running at the end; all of
     * it if it started during the phase) and the rest of the machine, in percent of one core, plus thread groups.
     */
    Map<String, Object> end(long serverPidNow) {
        StormCpu now = new StormCpu(serverPidNow);
        double wall = (now.startNanos - startNanos) / 1e6;
        long gen = now.generatorCpu - generatorCpu;
        long srv = now.serverCpu - (serverPidNow == serverPid ? serverCpu : 0);
        long others = now.machineBusy - machineBusy - gen - srv;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wall_ms", Math.round(wall));
        m.put("generator_cpu_pct", pct(gen, wall));
        m.put("server_cpu_pct", pct(srv, wall));
        m.put("others_cpu_pct", pct(others, wall));
        m.put("generator_threads_pct", top(ServerProbe.threadCpuPercent(generatorThreads, now.generatorThreads, wall)));
        m.put("server_threads_pct", top(ServerProbe.threadCpuPercent(
                serverPidNow == serverPid ? serverThreads : Map.of(), now.serverThreads, wall)));
        return m;
    }

    private static long pct(long cpuMillis, double wallMillis) {
        return wallMillis <= 0 ? -1 : Math.round(cpuMillis * 100 / wallMillis);
    }

    private static Map<String, Long> top(Map<String, Long> byGroup) {
        Map<String, Long> m = new LinkedHashMap<>();
        byGroup.entrySet().stream().limit(8).forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }
}
