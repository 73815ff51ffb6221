package dev.confab.server;

import dev.confab.server.lan.TlsSettings;
import dev.confab.server.security.Argon2PasswordHasher;
import dev.confab.server.transport.ConnectionCap;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a server instance needs to start.
 *
 * @param port 0 picks a free port (tests)
 * @param argon2MemoryKib Argon2id memory cost; lower only in tests
 * @param heartbeatTimeout a WebSocket that sends nothing for this long is closed as dead
 * @param discovery advertise the server on the LAN with mDNS/DNS-SD ({@code _confab._tcp})
 * @param tls TLS on the port (off by default), see {@link TlsSettings}
 * @param requestsPerSecond requests one WebSocket may send per second (burst: twice that); more get rate_limited
 * @param maxConnections open TCP connections allowed at once; more are closed as they arrive. 0: the process's
 *                       open-file limit less {@link ConnectionCap#RESERVED_DESCRIPTORS}, see {@link #connectionCap()}
 */
public record ServerConfig(String bind, int port, Path dataDir, String serverName, int argon2MemoryKib,
                           int workerThreads, Duration heartbeatTimeout, int maxGroupMembers, boolean discovery,
                           TlsSettings tls, int requestsPerSecond, int maxConnections) {

    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(45);
    public static final int DEFAULT_MAX_GROUP_MEMBERS = 1000;
    /** Groups up to this size get live read receipts from every member; larger ones ask with {@code receipts}. */
    public static final int RECEIPT_FANOUT_LIMIT = 50;
    public static final int DEFAULT_REQUESTS_PER_SECOND = 1000;

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig("0.0.0.0", DEFAULT_PORT, dataDir, "Confab", Argon2PasswordHasher.DEFAULT_MEMORY_KIB,
                Math.max(4, Runtime.getRuntime().availableProcessors() * 2), DEFAULT_HEARTBEAT_TIMEOUT,
                DEFAULT_MAX_GROUP_MEMBERS, true, TlsSettings.off(), DEFAULT_REQUESTS_PER_SECOND, 0);
    }

    /** Loopback, a free port, cheap password hashing, no LAN advertisement: for tests only. */
    public static ServerConfig forTests(Path dataDir) {
        return defaults(dataDir).withBind("127.0.0.1").withPort(0).withArgon2MemoryKib(1024).withDiscovery(false);
    }

    public ServerConfig withBind(String value) {
        return new ServerConfig(value, port, dataDir, serverName, argon2MemoryKib, workerThreads, heartbeatTimeout,
                maxGroupMembers, discovery, tls, requestsPerSecond, maxConnections);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(bind, value, dataDir, serverName, argon2MemoryKib, workerThreads, heartbeatTimeout,
                maxGroupMembers, discovery, tls, requestsPerSecond, maxConnections);
    }

    public ServerConfig withDataDir(Path value) {
        return new ServerConfig(bind, port, value, serverName, argon2MemoryKib, workerThreads, heartbeatTimeout,
                maxGroupMembers, discovery, tls, requestsPerSecond, maxConnections);
    }

    public ServerConfig withServerName(String value) {
        return new ServerConfig(bind, port, dataDir, value, argon2MemoryKib, workerThreads, heartbeatTimeout,
                maxGroupMembers, discovery, tls, requestsPerSecond, maxConnections);
    }

    public ServerConfig withArgon2MemoryKib(int value) {
        return new ServerConfig(bind, port, dataDir, serverName, value, workerThreads, heartbeatTimeout,
                maxGroupMembers, discovery, tls, requestsPerSecond, maxConnections);
    }

    public ServerConfig withHeartbeatTimeout(Duration value) {
        return new ServerConfig(bind, port, dataDir, serverName, argon2MemoryKib, workerThreads, value,
                maxGroupMembers, discovery, tls, requestsPerSecond, maxConnections);
    }

    public ServerConfig withMaxGroupMembers(int value) {
        return new ServerConfig(bind, port, dataDir, serverName, argon2MemoryKib, workerThreads, heartbeatTimeout,
                value, discovery, tls, requestsPerSecond, maxConnections);
    }

    public ServerConfig withDiscovery(boolean value) {
        return new ServerConfig(bind, port, dataDir, serverName, argon2MemoryKib, workerThreads, heartbeatTimeout,
                maxGroupMembers, value, tls, requestsPerSecond, maxConnections);
    }

    public ServerConfig withTls(TlsSettings value) {
        return new ServerConfig(bind, port, dataDir, serverName, argon2MemoryKib, workerThreads, heartbeatTimeout,
                maxGroupMembers, discovery, value, requestsPerSecond, maxConnections);
    }

    public ServerConfig withRequestsPerSecond(int value) {
        return new ServerConfig(bind, port, dataDir, serverName, argon2MemoryKib, workerThreads, heartbeatTimeout,
                maxGroupMembers, discovery, tls, value, maxConnections);
    }

    public ServerConfig withMaxConnections(int value) {
        return new ServerConfig(bind, port, dataDir, serverName, argon2MemoryKib, workerThreads, heartbeatTimeout,
                maxGroupMembers, discovery, tls, requestsPerSecond, value);
    }

    /** The open-connection cap this configuration asks for: {@link #maxConnections}, or the default for this process. */
    public int connectionCap() {
        return maxConnections > 0 ? maxConnections : ConnectionCap.defaultFor(ConnectionCap.descriptorLimit());
    }

    /** The default data directory: {@code $XDG_DATA_HOME/confab/server}, else {@code ~/.local/share/confab/server}. */
    public static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("confab").resolve("server");
    }
}
