package dev.confab.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.confab.server.store.h2.H2AccountStore;
import dev.confab.server.store.rocksdb.RocksDbHistoryStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** {@code confab-server backup [--data-dir DIR] --to DIR}. */
public final class BackupCommand {
    static final String USAGE = """
            Usage: confab-server backup [--data-dir DIR] --to DIR

            Makes a consistent copy of a Confab server's data: accounts (H2), message history (RocksDB) and
            its generated TLS certificate. If the server is running, the server makes the copy itself through
            its admin endpoint on 127.0.0.1 (chat goes on meanwhile) and this command moves it to --to;
            otherwise this command opens the data directory itself. Run it as the server's user or as root.

              --data-dir DIR   the server's data directory (default %s)
              --to DIR         where to put the backup; must not exist yet, or be empty
              --help           show this help

            Restore with: confab-server restore --from DIR --data-dir NEW
            """;

    private BackupCommand() {
    }

    /** Returns the process exit code: 0 done, 1 failed, 2 bad usage. */
    public static int run(String[] args, Path defaultDataDir, String serverVersion, PrintStream out, PrintStream err) {
        Path dataDir = defaultDataDir;
        Path to = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        out.printf(USAGE, defaultDataDir);
                        return 0;
                    }
                    case "--data-dir" -> dataDir = Path.of(Cli.value(args, ++i, "--data-dir"));
                    case "--to" -> to = Path.of(Cli.value(args, ++i, "--to"));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (to == null) {
                throw new IllegalArgumentException("--to is required");
            }
        } catch (IllegalArgumentException e) {
            err.println("confab-server backup: " + e.getMessage());
            err.printf(USAGE, defaultDataDir);
            return 2;
        }
        Path data = dataDir;
        Path target = to;
        try {
            return Cli.quietly(() -> backup(data, target, serverVersion, out, err));
        } catch (Exception e) {
            err.println("confab-server backup: " + e.getMessage());
            return 1;
        }
    }

    private static int backup(Path dataDir, Path to, String serverVersion, PrintStream out, PrintStream err)
            throws IOException {
        if (!Trees.isEmptyOrAbsent(to)) {
            err.println("confab-server backup: " + to + " exists and is not empty");
            return 1;
        }
        Files.deleteIfExists(to);
        if (to.toAbsolutePath().getParent() != null) {
            Files.createDirectories(to.toAbsolutePath().getParent());
        }
        Optional<Path> made = throughRunningServer(dataDir, out);
        if (made.isPresent()) {
            Trees.move(made.get(), to);
            out.printf("Backup of the running server written to %s (%d bytes)%n", to, Trees.size(to));
        } else {
            Backups.Result result = offline(dataDir, to, serverVersion);
            out.printf("Backup written to %s in %d ms (%d bytes; the server was not running)%n", to,
                    result.took().toMillis(), result.bytes());
        }
        return 0;
    }

    /** Asks the running server for a backup; empty when no server is running on this data directory. */
    private static Optional<Path> throughRunningServer(Path dataDir, PrintStream out) throws IOException {
        Optional<AdminFile> admin = AdminFile.read(dataDir);
        if (admin.isEmpty()) {
            return Optional.empty();
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + admin.get().port() + AdminEndpoint.BACKUP_PATH))
                .header("Authorization", "Bearer " + admin.get().token())
                .timeout(Duration.ofHours(1))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            out.println("No server answers on the admin port in " + AdminFile.in(dataDir)
                    + " (left over from a crash?); backing up the data directory directly.");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        JsonNode body = JsonMapper.builder().build().readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IOException("the server refused the backup (HTTP " + response.statusCode() + "): "
                    + body.path("message").asText());
        }
        return Optional.of(Path.of(body.path("directory").asText()));
    }

    private static Backups.Result offline(Path dataDir, Path to, String serverVersion) throws IOException {
        if (!Files.isDirectory(DataDir.history(dataDir))) {
            throw new IOException(dataDir + " holds no Confab server data");
        }
        try (RocksDbHistoryStore history = RocksDbHistoryStore.open(DataDir.history(dataDir));
             H2AccountStore accounts = H2AccountStore.open(DataDir.accounts(dataDir))) {
            StoreSnapshots stores = new StoreSnapshots(history::checkpoint, accounts::backupTo);
            return new Backups(stores, dataDir, Clock.systemUTC(), serverVersion).create(to);
        } catch (IllegalStateException e) {
            throw new IOException("cannot open " + dataDir + " (is a server running on it without its admin"
                    + " endpoint?): " + e.getMessage(), e);
        }
    }
}
