package dev.confab.client.support;

import dev.confab.server.ConfabServer;
import dev.confab.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** The real server in this JVM on 127.0.0.1, restartable on the same port and data directory. */
public final class TestServer implements AutoCloseable {
    /** Short, so a client whose heartbeats stop is noticed by the server in tests too. */
    public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);

    private final Path dataDir;
    private ConfabServer server;
    private int port;

    private TestServer(Path dataDir) {
        this.dataDir = dataDir;
    }

    public static TestServer start(Path dataDir) throws IOException {
        TestServer s = new TestServer(dataDir);
        s.server = ConfabServer.start(ServerConfig.forTests(dataDir).withHeartbeatTimeout(HEARTBEAT_TIMEOUT));
        s.port = s.server.port();
        return s;
    }

    public int port() {
        return port;
    }

    /** Graceful stop: pending sends are made durable and the stores closed. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts again on the same port and data directory. */
    public synchronized void startAgain() throws IOException {
        server = ConfabServer.start(ServerConfig.forTests(dataDir).withHeartbeatTimeout(HEARTBEAT_TIMEOUT)
                .withPort(port));
    }

    @Override
    public void close() {
        stop();
    }
}
