package dev.confab.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar confab-server.jar [--port N] [--bind ADDR] [--data-dir DIR] [--name NAME]}. */
public final class Main {
    static final String USAGE = """
            Usage: confab-server [options]

              --port N         TCP port for WebSocket (/ws), HTTP API (/api/v1) and /health (default 8080; 0 = any free port)
              --bind ADDR      address to listen on (default 0.0.0.0: every interface, for a LAN server;
                               use 127.0.0.1 to accept only this computer)
              --data-dir DIR   where accounts (H2) and history (RocksDB) live
                               (default $XDG_DATA_HOME/confab/server or ~/.local/share/confab/server)
              --name NAME      server name shown to clients (default Confab)
              --heartbeat-timeout S
                               close a WebSocket that sent nothing for S seconds (default 45)
              --help           show this help
              --version        print the version

            Stop it with Ctrl+C or SIGTERM: it finishes pending writes and closes its stores cleanly.
            """;

    private Main() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        ServerConfig config;
        try {
            config = parse(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("confab-server: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (config == null) {
            return;
        }
        long started = System.nanoTime();
        ConfabServer server = ConfabServer.start(config);
        long millis = (System.nanoTime() - started) / 1_000_000;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Confab server stopping...");
            server.close();
            System.out.println("Confab server stopped.");
            stopped.countDown();
        }, "confab-shutdown"));
        String host = config.bind().equals("0.0.0.0") ? "localhost" : config.bind();
        System.out.printf("Confab server listening on %s:%d (ws://%s:%d/ws, http://%s:%d/api/v1/) in %d ms%n",
                config.bind(), server.port(), host, server.port(), host, server.port(), millis);
        System.out.println("Data directory: " + config.dataDir().toAbsolutePath());
        stopped.await();
    }

    /** Returns the configuration, or null when the command only printed help or the version. */
    static ServerConfig parse(String[] args, PrintStream out) {
        ServerConfig config = ServerConfig.defaults(ServerConfig.defaultDataDir());
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return null;
                }
                case "--version" -> {
                    out.println("confab-server " + version());
                    return null;
                }
                case "--port" -> config = config.withPort(port(value(args, ++i, arg)));
                case "--bind" -> config = config.withBind(value(args, ++i, arg));
                case "--data-dir" -> config = config.withDataDir(Path.of(value(args, ++i, arg)));
                case "--name" -> config = config.withServerName(value(args, ++i, arg));
                case "--heartbeat-timeout" -> config = config.withHeartbeatTimeout(
                        Duration.ofSeconds(seconds(value(args, ++i, arg))));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return config;
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long seconds(String raw) {
        try {
            long seconds = Long.parseLong(raw);
            if (seconds < 2 || seconds > 3600) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--heartbeat-timeout must be 2-3600 seconds, not " + raw);
        }
    }

    private static int port(String raw) {
        try {
            int port = Integer.parseInt(raw);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be 0-65535, not " + raw);
        }
    }
}
