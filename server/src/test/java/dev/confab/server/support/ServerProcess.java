package dev.confab.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real server in a child JVM (same class path as the tests), so a test can {@code kill -9} it. */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");

    private final Process process;
    private final int port;
    private final List<String> output;

    private ServerProcess(Process process, int port, List<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** Everything the process printed so far. */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** Starts {@code dev.confab.server.Main} on loopback, without discovery, and waits (30 s) until it listens. */
    public static ServerProcess start(Path dataDir, int port) throws IOException {
        return start(dataDir, "--bind", "127.0.0.1", "--port", Integer.toString(port), "--no-discovery");
    }

    /** Starts {@code dev.confab.server.Main --data-dir dataDir} plus {@code options}; waits (30 s) until it listens. */
    public static ServerProcess start(Path dataDir, String... options) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "dev.confab.server.Main", "--data-dir", dataDir.toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        ready.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // process ended
            }
            ready.completeExceptionally(new IllegalStateException("server process ended before listening"));
        }, "server-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerProcess(process, ready.get(30, TimeUnit.SECONDS), output);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("server process did not start; it printed:\n"
                    + String.join("\n", output), e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush, no close. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server process did not die");
        }
    }

    /** SIGTERM: the graceful path. Returns the exit code (143 = 128 + SIGTERM, as for any JVM). */
    public int terminate() throws InterruptedException {
        // Process.destroy() would also close our end of its output pipe, losing what it prints while stopping.
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("server process ignored SIGTERM for 30 s");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
