package dev.confab.server.support;

import dev.confab.server.ConfabServer;
import dev.confab.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real Confab server on 127.0.0.1 and a free port, with H2 and RocksDB in a fresh temporary
 * directory, before each test; closes its clients and the server, and deletes the directory, after.
 * Use with {@code @RegisterExtension}.
 */
public final class ServerExtension implements BeforeEachCallback, AfterEachCallback {
    private final UnaryOperator<ServerConfig> customize;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private Path dataDir;
    private ConfabServer server;

    public ServerExtension() {
        this(UnaryOperator.identity());
    }

    public ServerExtension(UnaryOperator<ServerConfig> customize) {
        this.customize = customize;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("confab-test-");
        server = ConfabServer.start(customize.apply(ServerConfig.forTests(dataDir)));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        for (AutoCloseable c : clients) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort
            }
        }
        clients.clear();
        if (server != null) {
            server.close();
        }
        deleteTree(dataDir);
    }

    public ConfabServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A connected WebSocket client that has said hello; closed after the test. */
    public WsTestClient connect() {
        WsTestClient client = WsTestClient.connect(port());
        clients.add(client);
        client.hello();
        return client;
    }

    /** A connected WebSocket client that has not said hello yet. */
    public WsTestClient connectRaw() {
        WsTestClient client = WsTestClient.connect(port());
        clients.add(client);
        return client;
    }

    public HttpTestClient http() {
        return new HttpTestClient(port());
    }

    /** Closes the server and starts a new one on the same port and data directory. */
    public void restart() throws IOException {
        int port = server.port();
        server.close();
        server = ConfabServer.start(customize.apply(ServerConfig.forTests(dataDir)).withPort(port));
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
