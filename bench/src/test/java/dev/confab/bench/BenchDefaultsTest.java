package dev.confab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bench's defaults that mirror what Confab ships. */
class BenchDefaultsTest {
    @Test
    void theServerRunsWithTheInstalledLaunchersJvmOptionsByDefault() throws IOException {
        Path launcher = Path.of("..", "installer", "src", "main", "packaging", "launchers", "confab-server.properties");

        String shipped = Files.readAllLines(launcher).stream()
                .filter(line -> line.startsWith("java-options="))
                .map(line -> line.substring("java-options=".length()).trim())
                .findFirst().orElseThrow();

        assertThat(Bench.SHIPPED_SERVER_OPTS).isEqualTo(shipped);
        Bench bench = new Bench(Options.parse("fanout", new String[0]), System.err);
        assertThat(String.join(" ", bench.serverJvmOptions)).isEqualTo(shipped);
    }
}
