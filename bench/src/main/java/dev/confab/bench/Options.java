package dev.confab.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line options shared by every scenario. Unknown options are refused, so a typo never silently
 * runs the wrong experiment. Values are read with defaults that depend on the scenario (and on smoke mode).
 */
final class Options {
    private final Map<String, String> values;
    final String scenario;
    final boolean smoke;

    private Options(String scenario, Map<String, String> values) {
        this.scenario = scenario;
        this.values = values;
        this.smoke = values.containsKey("smoke");
    }

    static final List<String> KNOWN = List.of(
            "port", "server-jar", "server-pid", "server-opts", "work-dir", "users", "rates", "step-seconds",
            "warmup-seconds", "connections", "per-process", "clients", "connect-threads", "messages", "load-seconds", "window",
            "samples", "body-bytes", "seed", "json-out", "jfr", "hold-seconds", "drain-seconds", "max-p99-ms",
            "group-size", "smoke", "keep-going", "no-subscribe", "deadline-seconds");

    static Options parse(String scenario, String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            String value = "true";
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            }
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            values.put(name, value);
        }
        return new Options(scenario, values);
    }

    /** A copy for another scenario with extra or replaced values (smoke runs every scenario). */
    Options with(String otherScenario, Map<String, String> overrides) {
        Map<String, String> copy = new HashMap<>(values);
        copy.putAll(overrides);
        return new Options(otherScenario, copy);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    int integer(String name, int defaultValue) {
        String v = values.get(name);
        return v == null ? defaultValue : Integer.parseInt(v.replace("_", "").replace("k", "000"));
    }

    long longValue(String name, long defaultValue) {
        String v = values.get(name);
        return v == null ? defaultValue : Long.parseLong(v.replace("_", "").replace("k", "000").replace("M", "000000"));
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    /** A comma-separated list of counts; "2k" means 2000. */
    int[] ints(String name, int... defaults) {
        String v = values.get(name);
        if (v == null) {
            return defaults;
        }
        return Arrays.stream(v.split(",")).map(String::trim).mapToInt(s -> Integer.parseInt(s.replace("k", "000")))
                .toArray();
    }

    Path workDir() {
        return Path.of(values.getOrDefault("work-dir", System.getProperty("java.io.tmpdir") + "/confab-bench"));
    }
}
