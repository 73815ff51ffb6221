package dev.confab.client.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.Limits;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server in another process advertises itself; the client's discovery lists it and drops it when it
 * stops. Both bind mDNS to 127.0.0.1 (multicast works on loopback here with no system change).
 */
@Timeout(120)
class LanDiscoveryIntegrationTest {
    @TempDir
    Path dataDir;

    @Test
    void serverIsListedLiveAndRemovedWhenItStops() throws Exception {
        String name = "Confab LAN test " + UUID.randomUUID().toString().substring(0, 8);
        Recorder recorder = new Recorder(name);
        try (LanDiscovery discovery = LanDiscovery.on(List.of(InetAddress.getLoopbackAddress()), recorder, Runnable::run);
             ServerInChildJvm server = ServerInChildJvm.start(dataDir, "--bind", "127.0.0.1", "--port", "0",
                     "--tls", "--name", name)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !recorder.added.isEmpty());
            LanServer found = recorder.added.get(0);

            assertThat(found.name()).isEqualTo(name);
            assertThat(found.address()).isEqualTo(URI.create("https://127.0.0.1:" + server.port()));
            assertThat(found.tls()).isTrue();
            assertThat(found.fingerprint()).matches("[0-9a-f]{64}");
            assertThat(found.protocolVersion()).isEqualTo(Limits.PROTOCOL_VERSION);
            assertThat(discovery.servers()).contains(found);

            server.terminate();
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.removed.contains(found));
            assertThat(discovery.servers()).doesNotContain(found);
        }
    }

    /** Records events for one server name (other tests may advertise on loopback at the same time). */
    private static final class Recorder implements LanDiscovery.Listener {
        final List<LanServer> added = new CopyOnWriteArrayList<>();
        final List<LanServer> removed = new CopyOnWriteArrayList<>();
        private final String name;

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public void added(LanServer server) {
            if (server.name().equals(name)) {
                added.add(server);
            }
        }

        @Override
        public void removed(LanServer server) {
            if (server.name().equals(name)) {
                removed.add(server);
            }
        }
    }
}
