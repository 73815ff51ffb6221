package dev.confab.client.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.lan.LanDiscovery;
import dev.confab.client.ui.setup.ServerFinder;
import dev.confab.server.ConfabServer;
import dev.confab.server.ServerConfig;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server picker's list fills with a server that advertises itself (mDNS on loopback) and empties when it stops. */
@Timeout(90)
class LanServerFinderIntegrationTest {
    @TempDir
    Path dataDir;

    @Test
    void pickerListsAnAdvertisedServerLiveAndDropsItWhenItStops() throws Exception {
        String name = "Picker test " + UUID.randomUUID().toString().substring(0, 8);
        LanServerFinder finder = new LanServerFinder(
                (listener, executor) -> LanDiscovery.on(List.of(InetAddress.getLoopbackAddress()), listener, executor),
                Runnable::run);
        finder.start();
        try {
            ConfabServer server = ConfabServer.start(ServerConfig.forTests(dataDir).withServerName(name)
                    .withDiscovery(true));
            ServerFinder.FoundServer expected = new ServerFinder.FoundServer(name,
                    URI.create("http://127.0.0.1:" + server.port()));
            try {
                await().atMost(Duration.ofSeconds(40)).until(() -> finder.servers().contains(expected));
            } finally {
                server.close();
            }
            await().atMost(Duration.ofSeconds(40)).until(() -> !finder.servers().contains(expected));
        } finally {
            finder.close();
        }
    }
}
