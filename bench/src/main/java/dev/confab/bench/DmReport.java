package dev.confab.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the dm/poll phases and the ledger into result rows, the best rate, and the delivery verdict. */
final class DmReport {
    private DmReport() {
    }

    static Map<String, Object> row(Phase phase, Ledger.Counts c) {
        Map<String, Object> row = new LinkedHashMap<>();
        double seconds = (phase.endNanos - phase.startNanos) / 1e9;
        row.put("rate", phase.rate);
        row.put("sent", c.sent());
        row.put("sent_per_s", Math.round(c.sent() / seconds));
        double deliverySeconds = (Math.max(phase.lastDeliveryNanos, phase.endNanos) - phase.startNanos) / 1e9;
        row.put("deliv_per_s", Math.round(c.delivered() / deliverySeconds));
        Map<String, Object> lat = Latency.summary(phase.latency.snapshot());
        lat.remove("count");
        row.putAll(lat);
        row.put("ack_p99_ms", Latency.summary(phase.ackLatency.snapshot()).get("p99_ms"));
        row.put("failed", c.failed());
        row.put("late", c.lost());
        row.put("dups", c.duplicates());
        row.put("max_lag_ms", Latency.ms(phase.maxLagNanos));
        return row;
    }

    static void finish(Result result, Ledger ledger, List<Phase> phases, DmLink link, double maxP99) {
        // Phases run back to back, so the messages of the phases that ran are 0 .. last.to (a cut phase ends early).
        Ledger.Counts all = ledger.count(0, phases.get(phases.size() - 1).to);
        result.put("sent", all.sent()).put("acked", all.acked()).put("failed", all.failed())
                .put("delivered", all.delivered()).put("lost", all.lost()).put("duplicates", all.duplicates())
                .put("echo_lost", all.echoLost()).put("echo_duplicates", all.echoDuplicates())
                .put("duplicate_acks", all.duplicateAcks());
        link.streamChecks().forEach(result::put);
        int best = 0;
        for (Map<String, Object> row : result.steps) {
            if ((double) row.get("p99_ms") <= maxP99 && (long) row.get("late") == 0 && (long) row.get("failed") == 0) {
                best = Math.max(best, (int) row.get("rate"));
            }
        }
        result.put("best_rate_p99_le_" + (int) maxP99 + "ms", best);
        if (all.lost() > 0) {
            result.problem(all.lost() + " acknowledged messages never delivered");
        }
        if (all.duplicates() + all.echoDuplicates() + all.duplicateAcks() > 0) {
            result.problem("duplicates: " + all.duplicates() + " to recipients, " + all.echoDuplicates()
                    + " echoes, " + all.duplicateAcks() + " duplicate acks");
        }
        if (all.echoLost() > 0) {
            result.problem(all.echoLost() + " messages never reached the sender's own stream");
        }
        long unacked = all.sent() - all.acked() - all.failed();
        result.put("unacked", unacked);
        result.put("failure_causes", ledger.failureCauses()).put("failure_examples", ledger.failureExamples());
        if (all.failed() + unacked > 0) {
            result.problem(all.failed() + " sends refused " + ledger.failureCauses() + ", " + unacked
                    + " never acknowledged");
        }
        link.streamChecks().forEach((k, v) -> {
            if (v > 0 && !k.equals("poll_errors")) {
                result.problem(k + " = " + v);
            }
        });
    }
}
