package dev.confab.server.ops;

import java.nio.file.Path;

/**
 * The layout of a server's data directory (see docs/operations.md):
 * <pre>
 *   h2/accounts.mv.db   accounts, devices, sessions, conversations, groups, settings (H2)
 *   rocksdb/            messages, per-user event streams, dedup index, read markers (RocksDB)
 *   tls/                the generated certificate and key (only with --tls and no certificate given)
 *   logs/               confab-server.0.log (newest) ... confab-server.4.log, 10 MiB each
 *   backups/            backups made by the running server, until 'confab-server backup' moves them away
 *   admin.properties    while running: the loopback admin port and token
 * </pre>
 */
public final class DataDir {
    private DataDir() {
    }

    public static Path accounts(Path dataDir) {
        return dataDir.resolve("h2");
    }

    public static Path history(Path dataDir) {
        return dataDir.resolve("rocksdb");
    }

    public static Path logs(Path dataDir) {
        return dataDir.resolve("logs");
    }
}
