package dev.confab.client.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/** The real server in a child JVM (the test class path), so a test can {@code kill -9} it. */
public final class ChildServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private ChildServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code dev.confab.server.Main} on {@code port} (0: a free one) and waits for {@code /health}. */
    public static ChildServer start(Path dataDir, int port) throws IOException {
        int chosen = port != 0 ? port : freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.confab.server.Main", "--bind", "127.0.0.1", "--port", Integer.toString(chosen),
                "--data-dir", dataDir.toString(),
                "--heartbeat-timeout", Long.toString(TestServer.HEARTBEAT_TIMEOUT.toSeconds())))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ChildServer server = new ChildServer(process, chosen);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + chosen + "/health"))
                .timeout(Duration.ofSeconds(1)).build();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> !process.isAlive()
                            || http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        } catch (ConditionTimeoutException e) {
            server.close();
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("server process did not become healthy; its output:\n"
                    + Files.readString(log));
        }
        return server;
    }

    public int port() {
        return port;
    }

    /** SIGKILL: no shutdown hook, no flush, no close. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server process did not die");
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill9();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
