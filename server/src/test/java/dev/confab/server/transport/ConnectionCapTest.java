package dev.confab.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection cap's default, and where the open-file limit it derives from is read. */
class ConnectionCapTest {
    @Test
    void byDefaultTheCapLeavesTheReserveOfTheOpenFileLimitToTheStores() {
        assertThat(ConnectionCap.defaultFor(20_000)).isEqualTo(20_000 - ConnectionCap.RESERVED_DESCRIPTORS);
        assertThat(ConnectionCap.defaultFor(100)).isEqualTo(64);
        assertThat(ConnectionCap.defaultFor(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
        ServerConfig defaults = ServerConfig.defaults(Path.of("unused"));
        assertThat(defaults.connectionCap()).isEqualTo(ConnectionCap.defaultFor(ConnectionCap.descriptorLimit()));
        assertThat(defaults.withMaxConnections(7).connectionCap()).isEqualTo(7);
    }

    @Test
    void withoutTheJvmsManagementModuleTheLimitIsReadFromProc(@TempDir Path dir) throws IOException {
        Path limits = dir.resolve("limits");
        Files.writeString(limits, """
                Limit                     Soft Limit           Hard Limit           Units
                Max processes             94814                94814                processes
                Max open files            20000                20000                files
                Max locked memory         8388608              8388608              bytes
                """);
        assertThat(ConnectionCap.procLimit(limits)).isEqualTo(20_000);
        Files.writeString(limits, "Max open files            unlimited            unlimited            files\n");
        assertThat(ConnectionCap.procLimit(limits)).isEqualTo(Long.MAX_VALUE);
        assertThat(ConnectionCap.procLimit(dir.resolve("absent"))).isEqualTo(Long.MAX_VALUE);
    }
}
