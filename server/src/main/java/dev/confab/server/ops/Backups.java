package dev.confab.server.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

/**
 * Makes a consistent copy of a server's data while it runs:
 * <pre>
 *   &lt;backup&gt;/rocksdb/            RocksDB checkpoint: messages, event streams, dedup index, markers
 *   &lt;backup&gt;/h2/accounts.zip     H2 BACKUP of accounts, devices, conversations, groups, settings
 *   &lt;backup&gt;/tls/               the server's certificate and key, if it has them in its data directory
 *   &lt;backup&gt;/confab-backup.properties   written last: a backup without it is incomplete
 * </pre>
 * RocksDB is copied first, H2 second: H2 rows (users, conversations) are always written before the messages
 * that refer to them, so the H2 copy covers every conversation in the RocksDB copy. Every message acknowledged
 * before the backup started is in it. One backup runs at a time.
 */
public final class Backups {
    public static final String MANIFEST = "confab-backup.properties";
    public static final int FORMAT = 1;
    static final String HISTORY_DIR = "rocksdb";
    static final String ACCOUNTS_ZIP = "h2/accounts.zip";
    static final String TLS_DIR = "tls";

    private final StoreSnapshots stores;
    private final Path dataDir;
    private final Clock clock;
    private final String serverVersion;

    public Backups(StoreSnapshots stores, Path dataDir, Clock clock, String serverVersion) {
        this.stores = stores;
        this.dataDir = dataDir;
        this.clock = clock;
        this.serverVersion = serverVersion;
    }

    public record Result(Path directory, Duration took, long bytes) {
    }

    /** Writes a backup into {@code target}, which must not exist; on failure nothing is left there. */
    public synchronized Result create(Path target) throws IOException {
        long started = System.nanoTime();
        if (Files.exists(target)) {
            throw new IOException(target + " already exists");
        }
        Files.createDirectories(target);
        try {
            stores.history().writeTo(target.resolve(HISTORY_DIR));
            Path zip = target.resolve(ACCOUNTS_ZIP);
            Files.createDirectories(zip.getParent());
            stores.accounts().writeTo(zip);
            Path tls = dataDir.resolve(TLS_DIR);
            if (Files.isDirectory(tls)) {
                Trees.copy(tls, target.resolve(TLS_DIR));
            }
            Properties manifest = new Properties();
            manifest.setProperty("format", Integer.toString(FORMAT));
            manifest.setProperty("createdAt", clock.instant().toString());
            manifest.setProperty("serverVersion", serverVersion);
            manifest.setProperty("sourceDataDir", dataDir.toAbsolutePath().toString());
            try (OutputStream out = Files.newOutputStream(target.resolve(MANIFEST))) {
                manifest.store(out, "Confab server backup; restore with: confab-server restore --from DIR --data-dir NEW");
            }
        } catch (IOException | RuntimeException e) {
            Trees.deleteQuietly(target);
            throw e;
        }
        return new Result(target, Duration.ofNanos(System.nanoTime() - started), Trees.size(target));
    }

    /** Reads and checks a backup's manifest. */
    static Properties manifest(Path backup) throws IOException {
        Path file = backup.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IOException(backup + " is not a complete Confab backup (no " + MANIFEST + ")");
        }
        Properties manifest = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            manifest.load(reader);
        }
        if (!Integer.toString(FORMAT).equals(manifest.getProperty("format"))) {
            throw new IOException(backup + " has backup format " + manifest.getProperty("format")
                    + "; this server reads format " + FORMAT);
        }
        return manifest;
    }
}
