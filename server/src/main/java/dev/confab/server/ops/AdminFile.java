package dev.confab.server.ops;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code <data-dir>/admin.properties}: where a running server's loopback admin endpoint listens and the token
 * it wants. Readable only by the server's user (and root), so only they can trigger admin actions. Written at
 * start, removed at a clean stop; a stale file after a crash is harmless (nothing answers on its port).
 */
record AdminFile(int port, String token) {
    static final String NAME = "admin.properties";

    static Path in(Path dataDir) {
        return dataDir.resolve(NAME);
    }

    void write(Path dataDir) throws IOException {
        Path file = in(dataDir);
        Path tmp = file.resolveSibling(NAME + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX: the data directory's permissions apply
        }
        Properties p = new Properties();
        p.setProperty("port", Integer.toString(port));
        p.setProperty("token", token);
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.ISO_8859_1)) {
            p.store(out, "Written by the running Confab server, removed when it stops; used by 'confab-server backup'");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Optional<AdminFile> read(Path dataDir) throws IOException {
        Path file = in(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(in);
        }
        try {
            return Optional.of(new AdminFile(Integer.parseInt(p.getProperty("port", "")), p.getProperty("token", "")));
        } catch (NumberFormatException e) {
            throw new IOException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Removes the file if it is still ours (a second server on the same directory may have replaced it). */
    void removeIfOurs(Path dataDir) {
        try {
            if (read(dataDir).filter(this::equals).isPresent()) {
                Files.deleteIfExists(in(dataDir));
            }
        } catch (IOException e) {
            // best effort at shutdown
        }
    }
}
