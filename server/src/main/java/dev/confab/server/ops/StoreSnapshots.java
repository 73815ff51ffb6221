package dev.confab.server.ops;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a backup needs from the live stores. {@code history} makes a RocksDB checkpoint into a directory that
 * does not exist yet; {@code accounts} writes H2's {@code BACKUP TO} zip. Both are consistent on their own
 * while the server keeps running.
 */
public record StoreSnapshots(Action history, Action accounts) {

    @FunctionalInterface
    public interface Action {
        void writeTo(Path target) throws IOException;
    }
}
