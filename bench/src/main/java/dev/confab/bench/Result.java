package dev.confab.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of one run: top-level figures, optional per-step rows, and whether delivery was exact. */
final class Result {
    final Map<String, Object> fields = new LinkedHashMap<>();
    final List<Map<String, Object>> steps = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    Result(String scenario) {
        fields.put("scenario", scenario);
        fields.put("time", java.time.Instant.now().toString());
    }

    Result put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    void problem(String text) {
        problems.add(text);
    }

    boolean ok() {
        return problems.isEmpty();
    }

    String json() {
        Map<String, Object> all = new LinkedHashMap<>(fields);
        if (!steps.isEmpty()) {
            all.put("steps", steps);
        }
        all.put("ok", ok());
        all.put("problems", problems);
        try {
            return Wire.JSON.writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fixed-width table: the top-level fields, then one row per step. */
    String table() {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(String.format("  %-28s %s%n", k, v)));
        if (!steps.isEmpty()) {
            List<String> columns = new ArrayList<>(steps.get(0).keySet());
            for (String c : columns) {
                b.append(String.format("%" + (Math.max(c.length(), 9) + 2) + "s", c));
            }
            b.append('\n');
            for (Map<String, Object> row : steps) {
                for (String c : columns) {
                    b.append(String.format("%" + (Math.max(c.length(), 9) + 2) + "s", row.getOrDefault(c, "")));
                }
                b.append('\n');
            }
        }
        b.append(ok() ? "  OK: every message delivered exactly once\n" : "  PROBLEMS: " + problems + "\n");
        return b.toString();
    }
}
