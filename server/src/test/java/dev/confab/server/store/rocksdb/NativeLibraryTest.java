package dev.confab.server.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;

class NativeLibraryTest {
    @Test
    void theLibraryIsCopiedOnceToAFixedPlaceAndReused() throws Exception {
        Path dir = NativeLibrary.cachedCopy();
        assertThat(dir).as("rocksdbjni is a jar on the test class path").isNotNull();
        Path library = dir.resolve(NativeLibrary.fileName());
        assertThat(library).isRegularFile();
        assertThat(Files.size(library)).isGreaterThan(1_000_000);
        FileTime written = Files.getLastModifiedTime(library);

        assertThat(NativeLibrary.cachedCopy()).isEqualTo(dir);
        assertThat(Files.getLastModifiedTime(library)).isEqualTo(written);
    }

    @Test
    void theStoreRunsOnTheCachedCopyNotATemporaryOne() throws Exception {
        Class.forName(RocksDbHistoryStore.class.getName(), true, RocksDbHistoryStore.class.getClassLoader());
        Path dir = NativeLibrary.cachedCopy();

        assertThat(Files.readAllLines(Path.of("/proc/self/maps")))
                .anyMatch(line -> line.endsWith(dir.resolve(NativeLibrary.fileName()).toString()))
                .noneMatch(line -> line.contains("/librocksdbjni") && line.contains(System.getProperty("java.io.tmpdir")));
    }
}
