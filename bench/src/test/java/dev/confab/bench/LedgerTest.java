package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The ledger's verdicts over messages, and why refused sends were refused. */
class LedgerTest {
    @Test
    void countsAckedLostDuplicatedAndRefusedMessagesAndTalliesRefusalsByCause() {
        Ledger ledger = new Ledger(5);
        ledger.acked(0, false);
        ledger.delivered(0, true);
        ledger.delivered(0, false);
        ledger.acked(1, false);
        ledger.delivered(1, true);
        ledger.delivered(1, true);
        ledger.acked(2, false);
        ledger.failed(3, new CompletionException(new Wire.ServerError("RATE_LIMITED", "slow down")));
        ledger.failed(4, new CompletionException(new HttpTimeoutException("request timed out")));

        Ledger.Counts c = ledger.count(0, 5);

        assertThat(c.acked()).isEqualTo(3);
        assertThat(c.lost()).as("acked, never delivered").isEqualTo(1);
        assertThat(c.duplicates()).isEqualTo(1);
        assertThat(c.echoLost()).as("1 and 2 never echoed").isEqualTo(2);
        assertThat(c.failed()).isEqualTo(2);
        assertThat(ledger.failureCauses()).isEqualTo(Map.of(
                "RATE_LIMITED", 1L, "java.net.http.HttpTimeoutException", 1L));
        assertThat(ledger.failureExamples()).containsEntry("RATE_LIMITED", "RATE_LIMITED: slow down")
                .containsEntry("java.net.http.HttpTimeoutException", "request timed out");
    }
}
