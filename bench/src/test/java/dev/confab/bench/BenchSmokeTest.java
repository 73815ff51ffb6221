package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every scenario's smoke version against the real server jar (a child JVM per scenario, data in a
 * temporary directory) and requires exact delivery: no loss and no duplicates anywhere.
 */
class BenchSmokeTest {
    @TempDir
    Path work;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void everyScenarioDeliversEveryMessageExactlyOnceInSmokeMode() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Options options = Options.parse("smoke", new String[] {"--work-dir", work.toString(),
                "--server-opts", "-Xmx512m"});

        List<Result> results = BenchMain.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8), System.err);

        String output = printed.toString(StandardCharsets.UTF_8);
        Map<String, Result> byScenario = results.stream()
                .collect(Collectors.toMap(r -> (String) r.fields.get("scenario"), r -> r));
        assertThat(byScenario).containsOnlyKeys("conn", "dm", "poll", "fanout", "history", "reconnect");
        results.forEach(r -> assertThat(r.problems).as(output).isEmpty());
        for (String rate : List.of("dm", "poll")) {
            Result r = byScenario.get(rate);
            assertThat(r.fields).as(output).containsEntry("lost", 0L).containsEntry("duplicates", 0L)
                    .containsEntry("echo_duplicates", 0L).containsEntry("unacked", 0L);
            assertThat((long) r.fields.get("delivered")).as(output).isEqualTo((long) r.fields.get("sent")).isPositive();
        }
        Result reconnect = byScenario.get("reconnect");
        assertThat(reconnect.fields).as(output).containsEntry("all_caught_up", true).containsEntry("lost", 0L)
                .containsEntry("stream_duplicates", 0L).containsEntry("stream_gaps", 0L);
        assertThat(byScenario.get("conn").steps).as(output).allSatisfy(step -> assertThat(step).containsEntry("failed", 0L));
        assertThat(byScenario.get("history").fields).as(output).containsEntry("messages", 2_000L);
        assertThat(output).contains("\"scenario\":\"fanout\"");
    }
}
