package dev.confab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Confab server as a separate JVM ({@code java -jar confab-server.jar}), so the bench can read its memory,
 * sample its threads and {@code kill -9} it. Each start waits (bounded) until the server prints its port.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Path jar;
    private final List<String> jvmOptions;
    private final Path dataDir;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process process;
    private int port;

    private ServerProcess(Path jar, List<String> jvmOptions, Path dataDir) {
        this.jar = jar;
        this.jvmOptions = jvmOptions;
        this.dataDir = dataDir;
    }

    /** Starts the server on 127.0.0.1 and a free port (or {@code port} when non-zero). */
    static ServerProcess start(Path jar, List<String> jvmOptions, Path dataDir, int port) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("server jar not found: " + jar
                    + " (build it: mvn -q -B -DskipTests package -pl protocol,server, or pass --server-jar)");
        }
        ServerProcess server = new ServerProcess(jar, jvmOptions, dataDir);
        server.launch(port);
        return server;
    }

    private void launch(int wantedPort) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--bind", "127.0.0.1", "--port", Integer.toString(wantedPort),
                "--max-requests-per-second", "10000000", "--no-discovery",
                "--data-dir", dataDir.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (output.size() < 10_000) {
                        output.add(line);
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        ready.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            ready.completeExceptionally(new IOException("server exited before listening: " + tail()));
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            this.port = ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            this.process = p;
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("server did not start within " + START_TIMEOUT_SECONDS + " s: " + tail(), e);
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path dataDir() {
        return dataDir;
    }

    String tail() {
        int n = output.size();
        return String.join(" | ", output.subList(Math.max(0, n - 5), n));
    }

    /** SIGKILL, then waits (bounded) for the process to be gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server did not die after SIGKILL");
        }
    }

    /** SIGTERM: the server commits pending writes and closes its stores. */
    void terminate() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("server ignored SIGTERM for 60 s");
        }
    }

    /** Starts a new server process on the same port and data directory (after {@link #kill9} or {@link #terminate}). */
    void restart() throws IOException {
        launch(port);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            terminate();
        }
    }
}
