package dev.confab.client.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/** Facts about this computer and build: host name (the default device name), version, server probe. */
final class HostInfo {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    private HostInfo() {
    }

    /** The host name without a DNS lookup (which can stall start-up): $HOSTNAME, /etc/hostname, or a default. */
    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            String name = Files.readString(Path.of("/etc/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: use the default
        }
        return "Confab desktop";
    }

    static String version() {
        try (InputStream in = HostInfo.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    /** Whether a Confab server answers {@code GET /health} at {@code server} within a few seconds. */
    static CompletableFuture<Boolean> probe(URI server) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server + "/health")).timeout(Duration.ofSeconds(4))
                .GET().build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> r.statusCode() == 200 && r.body().contains("ok"))
                .exceptionally(failure -> false);
    }
}
