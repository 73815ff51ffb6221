package dev.confab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/** What every scenario shares: options, where the server jar is, how to start a server with prepared users. */
final class Bench {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /**
     * The server JVM's options unless {@code --server-opts} is given: those the installed launcher starts it with
     * ({@code installer/src/main/packaging/launchers/confab-server.properties}), so the bench measures the server as
     * shipped. {@code BenchDefaultsTest} keeps the two equal.
     */
    static final String SHIPPED_SERVER_OPTS = "-Xms256m -Xmx1g -XX:MaxGCPauseMillis=20";

    final Options options;
    final Path serverJar;
    final List<String> serverJvmOptions;
    private final PrintStream log;

    Bench(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
        this.serverJar = Path.of(options.string("server-jar", defaultServerJar()));
        String opts = options.string("server-opts", SHIPPED_SERVER_OPTS).trim();
        this.serverJvmOptions = opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+"));
    }

    void log(String format, Object... args) {
        log.printf("[bench %s] %s%n", LocalTime.now().format(TIME), String.format(format, args));
    }

    /**
     * A server for one run with {@code users} prepared accounts: started from a copy of the prepared data
     * directory, or, with {@code --port}, an already running server on which the users are created now.
     */
    Env env(String name, int users) throws Exception {
        Path runDir = options.workDir().resolve("runs").resolve(name + "-" + System.currentTimeMillis());
        if (options.has("port")) {
            int port = options.integer("port", 0);
            String prefix = "b" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
            return new Env(this, null, port, UserPool.create(port, prefix, users), runDir);
        }
        Path data = runDir.resolve("data");
        List<User> prepared = UserPool.prepared(options, this, users, data);
        ServerProcess server = ServerProcess.start(serverJar, serverJvmOptions, data, 0);
        log("%s: server pid %d on port %d, %d users", name, server.pid(), server.port(), users);
        return new Env(this, server, server.port(), prepared, runDir);
    }

    /** The server jar beside this module in the source tree ({@code server/target/confab-server.jar}). */
    static String defaultServerJar() {
        String fromProperty = System.getProperty("confab.server.jar");
        if (fromProperty != null) {
            return fromProperty;
        }
        try {
            Path self = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = self.getParent().getParent().getParent().resolve("server/target/confab-server.jar");
            if (candidate.toFile().isFile()) {
                return candidate.toString();
            }
        } catch (Exception e) {
            // fall through to the working directory
        }
        return "server/target/confab-server.jar";
    }

    /** A running server (ours or external) and the accounts on it. Closing stops our server and deletes its data. */
    record Env(Bench bench, ServerProcess server, int port, List<User> users, Path runDir) implements AutoCloseable {
        long pid() {
            return server != null ? server.pid() : bench.options.longValue("server-pid", -1);
        }

        @Override
        public void close() throws InterruptedException, IOException {
            if (server != null) {
                server.close();
            }
            UserPool.deleteTree(runDir);
        }
    }
}
