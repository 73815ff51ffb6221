package dev.confab.server.store.rocksdb;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;
import org.slf4j.LoggerFactory;

/**
 * Loads RocksDB's JNI library from a fixed file in the user's cache directory. {@code RocksDB.loadLibrary()} copies
 * the 15 MB library to a new temporary file on every start and deletes it only on a clean JVM exit, so every crash
 * or {@code kill -9} left one behind in /tmp (286 of them, 4 GB, on the bench machine). The cached copy is named by
 * the jar entry's CRC and size, so another RocksDB version gets its own file. Anything unexpected falls back to
 * RocksDB's own loader.
 */
final class NativeLibrary {
    private NativeLibrary() {
    }

    static void load() {
        try {
            Path dir = cachedCopy();
            if (dir != null) {
                RocksDB.loadLibrary(List.of(dir.toString()));
                return;
            }
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            LoggerFactory.getLogger(NativeLibrary.class).debug("cached RocksDB library not used: {}", e.toString());
        }
        RocksDB.loadLibrary();
    }

    /** The directory holding an up-to-date copy of the library, or null when there is none to be had. */
    static Path cachedCopy() throws IOException {
        URL resource = RocksDB.class.getClassLoader().getResource(Environment.getJniLibraryFileName("rocksdb"));
        if (resource == null) {
            return null;
        }
        URLConnection connection = resource.openConnection();
        if (!(connection instanceof JarURLConnection jar) || jar.getJarEntry() == null) {
            return null;
        }
        String version = Long.toHexString(jar.getJarEntry().getCrc()) + "-" + jar.getJarEntry().getSize();
        Path dir = cacheRoot().resolve("rocksdbjni-" + version);
        Path target = dir.resolve(fileName());
        if (Files.isRegularFile(target) && Files.size(target) == jar.getJarEntry().getSize()) {
            return dir;
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path partial = Files.createTempFile(dir, "rocksdbjni", ".partial");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    /**
     * The name {@code RocksDB.loadLibrary(List)} looks for. In RocksJava 10.10 it asks for "rocksdbjni" where the jar
     * entry is named for "rocksdb" (librocksdbjnijni-linux64.so against librocksdbjni-linux64.so), so the copy takes
     * the name the loader wants. Should a later version agree with its jar, loading from here fails, the fallback
     * takes over and NativeLibraryTest says so.
     */
    static String fileName() {
        return Environment.getJniLibraryFileName("rocksdbjni");
    }

    /** {@code $XDG_CACHE_HOME/confab/native}, else {@code ~/.cache/confab/native}: only its user can write there. */
    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("confab").resolve("native");
    }
}
