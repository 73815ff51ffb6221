package dev.confab.server;

import dev.confab.server.lan.Fingerprints;
import dev.confab.server.lan.ServerTls;
import dev.confab.server.lan.TlsSettings;
import dev.confab.server.ops.BackupCommand;
import dev.confab.server.ops.RestoreCommand;
import dev.confab.server.ops.ServerLogging;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/** {@code java -jar confab-server.jar [--port N] [--bind ADDR] [--data-dir DIR] [--name NAME]}. */
public final class Main {
    static final String USAGE = """
            Usage: confab-server [options]
                   confab-server backup --to DIR [--data-dir DIR]     (details: confab-server backup --help)
                   confab-server restore --from DIR --data-dir NEW    (details: confab-server restore --help)

              --port N         TCP port for WebSocket (/ws), HTTP API (/api/v1) and /health (default 8080; 0 = any free port)
              --bind ADDR      address to listen on (default 0.0.0.0: every interface, for a LAN server;
                               use 127.0.0.1 to accept only this computer)
              --data-dir DIR   where accounts (H2), history (RocksDB), the TLS certificate and the logs live
                               (default $XDG_DATA_HOME/confab/server or ~/.local/share/confab/server)
              --name NAME      server name shown to clients and advertised on the LAN (default Confab)
              --max-group-members N
                               largest group allowed (default 1000)
              --max-requests-per-second N
                               requests one WebSocket may send per second, bursts up to twice that
                               (default 1000); raise it for load generators
              --max-connections N
                               open TCP connections allowed at once; more are closed as they arrive, so that
                               a flood of connections cannot take the file descriptors the stores need
                               (default: the process's open-file limit less 512)
              --heartbeat-timeout S
                               close a WebSocket that sent nothing for S seconds (default 45)
              --tls            serve wss:// and https:// on --port instead of ws:// and http://. Without
                               --tls-cert or --tls-keystore the server generates a self-signed certificate on
                               first start (in DATA-DIR/tls/) and keeps it; clients pin its SHA-256
                               fingerprint on first use. The fingerprint is printed at start.
              --tls-cert FILE  serve this PEM certificate chain (leaf first); implies --tls; needs --tls-key
              --tls-key FILE   the unencrypted PEM private key (PKCS#8, RSA or EC) of --tls-cert
              --tls-keystore FILE
                               serve the key entry of this PKCS#12 keystore instead; implies --tls
              --tls-keystore-password-file FILE
                               first line of FILE is the keystore password (default: empty password)
              --plain-local-port N
                               with --tls, also serve plain ws:// and http:// on 127.0.0.1:N, for clients on
                               this computer only (0 = any free port; default: not at all)
              --no-discovery   do not advertise the server on the LAN. By default it is advertised with
                               mDNS/DNS-SD as _confab._tcp (name, port, protocol version, TLS fingerprint) on
                               the --bind address, or on every LAN interface when bound to 0.0.0.0
              --help           show this help
              --version        print the version

            Logs go to the console and to DATA-DIR/logs/confab-server.0.log (rotated at 10 MiB, 5 files kept).
            Admin requests (backup) are served on 127.0.0.1 only, with a token in DATA-DIR/admin.properties.
            Stop it with Ctrl+C or SIGTERM: it finishes pending writes and closes its stores cleanly.
            """;

    private Main() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"))) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            System.exit(args[0].equals("backup")
                    ? BackupCommand.run(rest, ServerConfig.defaultDataDir(), version(), System.out, System.err)
                    : RestoreCommand.run(rest, ServerConfig.defaultDataDir(), System.out, System.err));
        }
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
        Path logs = ServerLogging.toFiles(config.dataDir());
        long started = System.nanoTime();
        ConfabServer server;
        try {
            server = ConfabServer.start(config);
        } catch (IOException | RuntimeException | Error e) {
            // Exit rather than linger: threads started before the failure would keep the JVM alive.
            LoggerFactory.getLogger(Main.class).error("could not start", e);
            System.err.println("confab-server: could not start: " + e);
            System.exit(1);
            return;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Confab server stopping...");
            server.close();
            System.out.println("Confab server stopped.");
            stopped.countDown();
        }, "confab-shutdown"));
        String host = config.bind().equals("0.0.0.0") ? "localhost" : config.bind();
        String s = server.tls().isPresent() ? "s" : "";
        System.out.printf("Confab server listening on %s:%d (ws%s://%s:%d/ws, http%s://%s:%d/api/v1/) in %d ms%n",
                config.bind(), server.port(), s, host, server.port(), s, host, server.port(), millis);
        if (server.tls().isPresent()) {
            ServerTls tls = server.tls().get();
            System.out.println("TLS certificate SHA-256 fingerprint: " + Fingerprints.display(tls.fingerprint()));
            System.out.println("  (clients pin it on first connection: compare it with what they show)");
            if (tls.plainLocalPort() >= 0) {
                System.out.printf("Plain, for this computer only: ws://127.0.0.1:%d/ws, http://127.0.0.1:%d/api/v1/%n",
                        tls.plainLocalPort(), tls.plainLocalPort());
            }
        }
        System.out.println("LAN discovery: " + (config.discovery() ? "on (mDNS _confab._tcp)" : "off"));
        System.out.println("Data directory: " + config.dataDir().toAbsolutePath());
        System.out.println("Logs: " + logs.toAbsolutePath());
        stopped.await();
    }

    /** Returns the configuration, or null when the command only printed help or the version. */
    static ServerConfig parse(String[] args, PrintStream out) {
        ServerConfig config = ServerConfig.defaults(ServerConfig.defaultDataDir());
        boolean tls = false;
        Path tlsCert = null;
        Path tlsKey = null;
        Path keystore = null;
        Path keystorePassword = null;
        int plainLocalPort = TlsSettings.NO_PLAIN_PORT;
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
                case "--port" -> config = config.withPort(port(value(args, ++i, arg), arg));
                case "--bind" -> config = config.withBind(value(args, ++i, arg));
                case "--data-dir" -> config = config.withDataDir(Path.of(value(args, ++i, arg)));
                case "--name" -> config = config.withServerName(value(args, ++i, arg));
                case "--max-requests-per-second" -> config = config.withRequestsPerSecond(
                        (int) bounded(value(args, ++i, arg), 10, 10_000_000, arg));
                case "--max-group-members" -> config = config.withMaxGroupMembers(
                        (int) bounded(value(args, ++i, arg), 2, 100_000, arg));
                case "--max-connections" -> config = config.withMaxConnections(
                        (int) bounded(value(args, ++i, arg), 1, Integer.MAX_VALUE, arg));
                case "--heartbeat-timeout" -> config = config.withHeartbeatTimeout(
                        Duration.ofSeconds(seconds(value(args, ++i, arg))));
                case "--tls" -> tls = true;
                case "--tls-cert" -> tlsCert = Path.of(value(args, ++i, arg));
                case "--tls-key" -> tlsKey = Path.of(value(args, ++i, arg));
                case "--tls-keystore" -> keystore = Path.of(value(args, ++i, arg));
                case "--tls-keystore-password-file" -> keystorePassword = Path.of(value(args, ++i, arg));
                case "--plain-local-port" -> plainLocalPort = port(value(args, ++i, arg), arg);
                case "--no-discovery" -> config = config.withDiscovery(false);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        boolean tlsOn = tls || tlsCert != null || tlsKey != null || keystore != null;
        if (plainLocalPort != TlsSettings.NO_PLAIN_PORT && !tlsOn) {
            throw new IllegalArgumentException("--plain-local-port needs --tls (without TLS --port is plain already)");
        }
        return config.withTls(new TlsSettings(tlsOn, tlsCert, tlsKey, keystore, keystorePassword, plainLocalPort));
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

    private static long bounded(String raw, long min, long max, String option) {
        try {
            long value = Long.parseLong(raw);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be " + min + "-" + max + ", not " + raw);
        }
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

    private static int port(String raw, String option) {
        try {
            int port = Integer.parseInt(raw);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be 0-65535, not " + raw);
        }
    }
}
