package dev.confab.server.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's admin endpoint: plain HTTP on 127.0.0.1 and a random port, separate from the chat port (which
 * may be TLS and open to the LAN). {@code POST /admin/backup} with {@code Authorization: Bearer <token>} makes a
 * backup into {@code <data-dir>/backups/} and answers with its path; {@code confab-server backup} then moves it
 * where the admin asked. The port and token are in {@link AdminFile}. Requests run one at a time on the
 * endpoint's own thread, never on the chat server's threads.
 */
public final class AdminEndpoint implements AutoCloseable {
    static final String BACKUP_PATH = "/admin/backup";
    static final String STAGING_DIR = "backups";
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoint.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final HttpServer http;
    private final ExecutorService thread;
    private final AdminFile file;
    private final Path dataDir;
    private final Backups backups;
    private final Clock clock;
    private final ObjectMapper json = JsonMapper.builder().build();

    private AdminEndpoint(HttpServer http, ExecutorService thread, AdminFile file, Path dataDir, Backups backups,
                          Clock clock) {
        this.http = http;
        this.thread = thread;
        this.file = file;
        this.dataDir = dataDir;
        this.backups = backups;
        this.clock = clock;
    }

    /** Listens on 127.0.0.1 and a free port and writes {@code admin.properties} into the data directory. */
    public static AdminEndpoint start(Path dataDir, Backups backups, Clock clock) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "confab-admin");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(thread);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        AdminFile file = new AdminFile(http.getAddress().getPort(), HexFormat.of().formatHex(secret));
        AdminEndpoint endpoint = new AdminEndpoint(http, thread, file, dataDir, backups, clock);
        http.createContext(BACKUP_PATH, endpoint::handleBackup);
        http.start();
        try {
            file.write(dataDir);
        } catch (IOException | RuntimeException e) {
            endpoint.close();
            throw e;
        }
        return endpoint;
    }

    public int port() {
        return file.port();
    }

    /** Stops listening, waits for a backup in progress to finish, removes {@code admin.properties}. */
    @Override
    public void close() {
        http.stop(0);
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.MINUTES)) {
                LOG.warn("a backup is still running after 10 minutes; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        file.removeIfOurs(dataDir);
    }

    private void handleBackup(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                reply(exchange, 403, Map.of("status", "error", "message", "admin requests only from this machine"));
            } else if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                reply(exchange, 405, Map.of("status", "error", "message", "use POST"));
            } else if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, Map.of("status", "error", "message", "missing or wrong admin token"));
            } else {
                backup(exchange);
            }
        }
    }

    private void backup(HttpExchange exchange) throws IOException {
        Path target = dataDir.resolve(STAGING_DIR).resolve("backup-" + STAMP.format(clock.instant()));
        try {
            Backups.Result result = backups.create(target);
            LOG.info("backup written to {} in {} ms ({} bytes)", target, result.took().toMillis(), result.bytes());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "ok");
            body.put("directory", target.toAbsolutePath().toString());
            body.put("millis", result.took().toMillis());
            body.put("bytes", result.bytes());
            reply(exchange, 200, body);
        } catch (IOException | RuntimeException e) {
            LOG.warn("backup failed", e);
            reply(exchange, 500, Map.of("status", "error", "message", String.valueOf(e.getMessage())));
        }
    }

    private boolean authorized(String header) {
        String expected = "Bearer " + file.token();
        return header != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                header.getBytes(StandardCharsets.UTF_8));
    }

    private void reply(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
