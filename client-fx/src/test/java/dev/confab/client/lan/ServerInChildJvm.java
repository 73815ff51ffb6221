package dev.confab.client.lan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real server ({@code dev.confab.server.Main}, on the test class path) in another process. */
final class ServerInChildJvm implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");
    private final Process process;
    private final int port;

    private ServerInChildJvm(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerInChildJvm start(Path dataDir, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.confab.server.Main",
                "--data-dir", dataDir.toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        ready.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // ended
            }
            ready.completeExceptionally(new IllegalStateException("server ended before listening"));
        }, "lan-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerInChildJvm(process, ready.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not start", e);
        }
    }

    int port() {
        return port;
    }

    /** SIGTERM: the server withdraws its advertisement and stops. */
    void terminate() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("server ignored SIGTERM");
        }
    }

    /** The server's certificate, from its data directory (only with {@code --tls} and no certificate given). */
    static java.security.cert.X509Certificate certificate(Path dataDir) throws Exception {
        try (var in = java.nio.file.Files.newInputStream(dataDir.resolve("tls/certificate.pem"))) {
            return (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
