package dev.confab.server.ops;

import dev.confab.server.store.h2.H2AccountStore;
import dev.confab.server.store.rocksdb.RocksDbHistoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** {@code confab-server restore --from DIR [--data-dir NEW]}. */
public final class RestoreCommand {
    static final String USAGE = """
            Usage: confab-server restore --from DIR [--data-dir NEW]

            Restores a backup made by 'confab-server backup' into a new data directory, opens it once to check
            it, and tells how to start a server on it. The backup itself is left as it was.

              --from DIR       the backup directory
              --data-dir NEW   the data directory to create; must not exist yet, or be empty
                               (default %s)
              --help           show this help

            The server must own the new directory: run this as the user the server runs as, or chown it
            afterwards (for the system service: sudo chown -R confab:confab NEW).
            """;

    private RestoreCommand() {
    }

    /** Returns the process exit code: 0 done, 1 failed, 2 bad usage. */
    public static int run(String[] args, Path defaultDataDir, PrintStream out, PrintStream err) {
        Path from = null;
        Path dataDir = defaultDataDir;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        out.printf(USAGE, defaultDataDir);
                        return 0;
                    }
                    case "--from" -> from = Path.of(Cli.value(args, ++i, "--from"));
                    case "--data-dir" -> dataDir = Path.of(Cli.value(args, ++i, "--data-dir"));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (from == null) {
                throw new IllegalArgumentException("--from is required");
            }
        } catch (IllegalArgumentException e) {
            err.println("confab-server restore: " + e.getMessage());
            err.printf(USAGE, defaultDataDir);
            return 2;
        }
        Path backup = from;
        Path target = dataDir;
        try {
            long started = System.nanoTime();
            Properties manifest = Cli.quietly(() -> restore(backup, target));
            out.printf("Restored the backup of %s (server %s) into %s in %d ms.%n", manifest.getProperty("createdAt"),
                    manifest.getProperty("serverVersion"), target, (System.nanoTime() - started) / 1_000_000);
            out.println("Start a server on it with: confab-server --data-dir " + target);
            return 0;
        } catch (Exception e) {
            err.println("confab-server restore: " + e.getMessage());
            return 1;
        }
    }

    /** Copies the backup into {@code dataDir} and checks that both stores open; on failure removes what it made. */
    static Properties restore(Path from, Path dataDir) throws IOException {
        Properties manifest = Backups.manifest(from);
        if (!Trees.isEmptyOrAbsent(dataDir)) {
            throw new IOException(dataDir + " exists and is not empty; restore into a new directory");
        }
        Files.createDirectories(dataDir);
        try {
            ownerOnly(dataDir);
            Trees.copy(from.resolve(Backups.HISTORY_DIR), DataDir.history(dataDir));
            unzip(from.resolve(Backups.ACCOUNTS_ZIP), DataDir.accounts(dataDir));
            if (Files.isDirectory(from.resolve(Backups.TLS_DIR))) {
                Trees.copy(from.resolve(Backups.TLS_DIR), dataDir.resolve(Backups.TLS_DIR));
            }
            try {
                // opening both is the check: RocksDB replays its log, H2 and Flyway read the schema
                RocksDbHistoryStore.open(DataDir.history(dataDir)).close();
                H2AccountStore.open(DataDir.accounts(dataDir)).close();
            } catch (IllegalStateException e) {
                throw new IOException("the restored data does not open: " + e.getMessage(), e);
            }
        } catch (IOException | RuntimeException e) {
            try (var entries = Files.list(dataDir)) {
                for (Path p : entries.toList()) {
                    Trees.deleteQuietly(p);
                }
            }
            throw e;
        }
        return manifest;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        Path root = into.toAbsolutePath().normalize();
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException(zip + " has an entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
    }

    private static void ownerOnly(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
