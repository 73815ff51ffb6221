package dev.confab.server;

import dev.confab.server.security.Argon2PasswordHasher;
import java.nio.file.Path;

/**
 * What a server instance needs to start.
 *
 * @param port 0 picks a free port (tests)
 * @param argon2MemoryKib Argon2id memory cost; lower only in tests
 */
public record ServerConfig(String bind, int port, Path dataDir, String serverName, int argon2MemoryKib,
                           int workerThreads) {

    public static final int DEFAULT_PORT = 8080;

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig("0.0.0.0", DEFAULT_PORT, dataDir, "Confab", Argon2PasswordHasher.DEFAULT_MEMORY_KIB,
                Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
    }

    public ServerConfig withBind(String value) {
        return new ServerConfig(value, port, dataDir, serverName, argon2MemoryKib, workerThreads);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(bind, value, dataDir, serverName, argon2MemoryKib, workerThreads);
    }

    public ServerConfig withDataDir(Path value) {
        return new ServerConfig(bind, port, value, serverName, argon2MemoryKib, workerThreads);
    }

    public ServerConfig withArgon2MemoryKib(int value) {
        return new ServerConfig(bind, port, dataDir, serverName, value, workerThreads);
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
