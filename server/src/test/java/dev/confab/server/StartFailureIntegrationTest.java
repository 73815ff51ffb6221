package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A server that cannot start says why and exits with status 1, instead of lingering with its stores open. */
@Timeout(60)
class StartFailureIntegrationTest {
    @TempDir
    Path dataDir;

    @Test
    void aServerWhosePortIsTakenSaysItCouldNotStartAndExitsWithStatusOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    "dev.confab.server.Main", "--data-dir", dataDir.toString(), "--bind", "127.0.0.1",
                    "--port", Integer.toString(taken.getLocalPort()), "--no-discovery")
                    .redirectErrorStream(true)
                    .start();
            boolean ended = process.waitFor(40, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String output = read(process);

            assertThat(ended).as("exited within 40 s; it printed:\n" + output).isTrue();
            assertThat(process.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("confab-server: could not start");
        }
    }

    private static String read(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
