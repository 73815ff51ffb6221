package dev.confab.server.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.Limits;
import dev.confab.server.ConfabServer;
import dev.confab.server.ServerConfig;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import dev.confab.server.support.ServerProcess;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * mDNS between two processes on this machine. Both sides bind JmDNS to 127.0.0.1, which carries multicast
 * here without any change to the loopback interface (no root needed); nothing leaves the machine.
 */
@Timeout(120)
class LanDiscoveryIntegrationTest {
    @TempDir
    Path dataDir;

    @Test
    void serverInAnotherProcessIsFoundWithItsTxtRecordAndDisappearsWhenItStops() throws Exception {
        String name = "Confab test " + UUID.randomUUID().toString().substring(0, 8);
        Recorder recorder = new Recorder(name);
        try (JmDNS browser = JmDNS.create(InetAddress.getLoopbackAddress(), "confab-test-browser")) {
            browser.addServiceListener(LanAdvertiser.SERVICE_TYPE, recorder);
            try (ServerProcess server = ServerProcess.start(dataDir, "--bind", "127.0.0.1", "--port", "0", "--tls",
                    "--name", name)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> recorder.resolved.get() != null);
                ServiceInfo info = recorder.resolved.get();
                String fingerprint = Fingerprints.sha256(PemFiles.readChain(
                        dataDir.resolve(ServerTls.DIRECTORY).resolve(ServerTls.CERTIFICATE_FILE)).get(0));

                assertThat(info.getPort()).isEqualTo(server.port());
                assertThat(info.getInet4Addresses()).contains((java.net.Inet4Address) InetAddress.getByName("127.0.0.1"));
                assertThat(info.getPropertyString("name")).isEqualTo(name);
                assertThat(info.getPropertyString("port")).isEqualTo(Integer.toString(server.port()));
                assertThat(info.getPropertyString("proto")).isEqualTo(Integer.toString(Limits.PROTOCOL_VERSION));
                assertThat(info.getPropertyString("tls")).isEqualTo("1");
                assertThat(info.getPropertyString("fp")).isEqualTo(fingerprint);
                assertThat(server.output()).anyMatch(line -> line.contains(Fingerprints.display(fingerprint)));

                server.terminate();
            }
            await().atMost(Duration.ofSeconds(20)).untilTrue(recorder.removed);
        }
    }

    @Test
    void inProcessAdvertisementIsLiveAndDiscoveryCanBeSwitchedOff() throws Exception {
        try (ConfabServer on = ConfabServer.start(ServerConfig.forTests(dataDir).withDiscovery(true))) {
            List<JmDNS> responders = on.advertiser().orElseThrow().registered().get();
            assertThat(responders).hasSize(1);
            assertThat(responders.get(0).getInetAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        }
        try (ConfabServer off = ConfabServer.start(ServerConfig.forTests(dataDir).withDiscovery(false))) {
            assertThat(off.advertiser()).isEmpty();
        }
    }

    @Test
    void plainServerAdvertisesNoFingerprint() {
        var txt = new LanAdvertiser.Advertisement("Office", 8080, null, 1, "1.0").txt();
        assertThat(txt).containsEntry("tls", "0").doesNotContainKey("fp").containsEntry("port", "8080");
    }

    /** Records the resolution and the removal of one named service. */
    private static final class Recorder implements ServiceListener {
        final AtomicReference<ServiceInfo> resolved = new AtomicReference<>();
        final AtomicBoolean removed = new AtomicBoolean();
        private final String name;

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public void serviceAdded(ServiceEvent event) {
            if (event.getName().equals(name)) {
                event.getDNS().requestServiceInfo(event.getType(), event.getName(), 1000);
            }
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
            if (event.getName().equals(name)) {
                removed.set(true);
            }
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
            ServiceInfo info = event.getInfo();
            if (event.getName().equals(name) && info.getPropertyString("fp") != null
                    && info.getInet4Addresses().length > 0) {
                resolved.set(info);
            }
        }
    }
}
