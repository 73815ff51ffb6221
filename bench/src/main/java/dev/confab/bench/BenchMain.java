package dev.confab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar confab-bench.jar <scenario> [options]}: runs one scenario (or all of them, small, as smoke). */
public final class BenchMain {
    static final String USAGE = """
            Usage: confab-bench <scenario> [options]

            Scenarios (each starts the server jar as its own JVM unless --port is given):
              conn       hold N authenticated idle connections; server RSS and heap-after-GC per connection
              dm         U online users in random pairs, open-loop rate steps; latency, loss, duplicates
              poll       dm over HTTP long-polling (GET /api/v1/events) and POST /api/v1/rpc
              fanout     one sender, 10 msg/s into a group of 100, then of 1,000 members: latency per delivery
              history    bulk-load one conversation, then time the latest and a deep history page
              reconnect  K connected clients, kill -9 the server, restart it, time until all are caught up
              smoke      every scenario above for a few seconds with small N (zero loss and duplicates expected)

            Options:
              --smoke                 small, short version of the scenario
              --server-jar PATH       default: server/target/confab-server.jar beside the bench module
              --server-opts "..."     JVM options for the server process (default: the installed launcher's,
                                      "-Xms256m -Xmx1g -XX:MaxGCPauseMillis=20"; e.g. "-Xmx2g -XX:+UseZGC")
              --port P                target a server already running on 127.0.0.1:P (give --server-pid for memory)
              --work-dir DIR          prepared users, run data (default $TMPDIR/confab-bench)
              --users U               dm/poll users (default 1000)
              --rates 2k,5k,...       dm/poll aggregate rates in msg/s (default 2k,5k,10k,20k,40k)
              --step-seconds D        seconds per rate step (default 15); --warmup-seconds (default 5)
              --drain-seconds S       wait for deliveries and echoes after each step (default 15)
              --max-p99-ms M          latency bound for the best-rate figure (default 50)
              --keep-going            do not stop at the first saturated step
              --body-bytes B          message body size (default 100)
              --connections 1k,5k,..  conn steps (default 1k,5k,10k); --per-process N clients per generator JVM
              --hold-seconds S        conn: how long to hold the last step (default 10)
              --clients K             reconnect clients (default 10k); --connect-threads T: handshakes at once (default: 64,
                                      for reconnect one thread per connect)
              --messages M            history messages to load (default 10M); --load-seconds cap (default 600)
              --window W              history loader sends in flight per connection (default 512)
              --samples N             history page requests per kind and pass (default 15000)
              --group-size G,...      fanout group sizes (default 100,1000)
              --jfr FILE              record a JFR profile of the server during the measured part
              --json-out FILE         also append the JSON result line to FILE
            """;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            return;
        }
        if (args[0].equals("conn-worker")) {
            ConnWorker.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Options options;
        try {
            options = Options.parse(args[0], Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("confab-bench: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (!generatorGc().startsWith("PS ")) {
            System.err.println("[bench] this generator runs " + generatorGc() + "; java -XX:+UseParallelGC -jar ..."
                    + " leaves more CPU to the server under test (docs/benchmarks.md, round 5)");
        }
        List<Result> results = run(options, System.out, System.err);
        System.exit(results.stream().allMatch(Result::ok) ? 0 : 1);
    }

    /** Runs the scenario (smoke: all scenarios), printing a table and one JSON line per run to {@code out}. */
    static List<Result> run(Options options, PrintStream out, PrintStream log) throws Exception {
        List<String> scenarios = options.scenario.equals("smoke")
                ? List.of("conn", "dm", "poll", "fanout", "history", "reconnect") : List.of(options.scenario);
        List<Result> results = new ArrayList<>();
        for (String scenario : scenarios) {
            Options o = options.scenario.equals("smoke")
                    ? options.with(scenario, java.util.Map.of("smoke", "true")) : options;
            Bench bench = new Bench(o, log);
            Result result = scenario(bench, scenario).put("generator_gc", generatorGc());
            out.println("== " + scenario + (o.smoke ? " (smoke)" : ""));
            out.print(result.table());
            out.println(result.json());
            out.flush();
            if (o.has("json-out")) {
                Files.writeString(Path.of(o.string("json-out", "")), result.json() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            results.add(result);
        }
        return results;
    }

    /**
     * The generator JVM's collectors, e.g. "PS Scavenge+PS MarkSweep". The generator shares the CPU with the server
     * under test; under G1 its concurrent refinement alone took ~15 % of its CPU in the 1,000-member fan-out.
     */
    static String generatorGc() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName)
                .collect(java.util.stream.Collectors.joining("+"));
    }

    private static Result scenario(Bench bench, String scenario) throws Exception {
        return switch (scenario) {
            case "conn" -> new ConnScenario(bench).run();
            case "dm" -> new DmScenario(bench, false).run();
            case "poll" -> new DmScenario(bench, true).run();
            case "fanout" -> new FanoutScenario(bench).run();
            case "history" -> new HistoryScenario(bench).run();
            case "reconnect" -> new ReconnectScenario(bench).run();
            default -> throw new IllegalArgumentException("unknown scenario " + scenario + "\n" + USAGE);
        };
    }
}
