package dev.confab.client.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.confab.client.net.ChatClient;
import dev.confab.client.net.ClientConfig;
import dev.confab.client.net.ClientRuntime;
import dev.confab.client.net.ConnectionState;
import dev.confab.client.net.TransportKind;
import dev.confab.client.store.LocalStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real client over https:// and wss:// with a pinned certificate; a different certificate is refused. */
@Timeout(120)
class TlsChatClientIntegrationTest {
    @TempDir
    Path root;

    @Test
    void clientSignsInAndSendsOverTlsAndRefusesAnImpostor() throws Exception {
        CertificatePins pins = CertificatePins.open(root.resolve(CertificatePins.FILE_NAME));
        List<String> firstUse = new CopyOnWriteArrayList<>();
        int port;
        try (ClientRuntime runtime = ClientRuntime.system(Runnable::run);
             ServerInChildJvm server = ServerInChildJvm.start(root.resolve("server"), "--bind", "127.0.0.1",
                     "--port", "0", "--tls", "--no-discovery")) {
            port = server.port();
            String key = CertificatePins.key("127.0.0.1", port);
            ClientConfig config = ClientConfig.defaults(URI.create("https://127.0.0.1:" + port));
            try (ChatClient alice = ChatClient.open(config, LocalStore.inMemory(), runtime,
                    pins.sslContext(key, (hp, fp) -> firstUse.add(fp)))) {
                alice.register("alice", "password-alice", "Alice").get(30, TimeUnit.SECONDS);
                alice.login("alice", "password-alice").get(30, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> alice.state().equals(new ConnectionState.Online(TransportKind.WEBSOCKET)));
                alice.send("alice", "a note over wss");
                await().atMost(Duration.ofSeconds(30)).until(() -> alice.outbox().isEmpty());

                String fingerprint = CertificatePins.fingerprint(ServerInChildJvm.certificate(root.resolve("server")));
                assertThat(firstUse).as("pinned once, though https and wss both checked").containsExactly(fingerprint);
                assertThat(pins.pinned(key)).contains(fingerprint);
            }
        }

        try (ClientRuntime runtime = ClientRuntime.system(Runnable::run);
             ServerInChildJvm impostor = ServerInChildJvm.start(root.resolve("impostor"), "--bind", "127.0.0.1",
                     "--port", Integer.toString(port), "--tls", "--no-discovery")) {
            String key = CertificatePins.key("127.0.0.1", port);
            ClientConfig config = ClientConfig.defaults(URI.create("https://127.0.0.1:" + port));
            try (ChatClient again = ChatClient.open(config, LocalStore.inMemory(), runtime,
                    pins.sslContext(key, (hp, fp) -> firstUse.add("impostor " + fp)))) {
                Throwable failure = catchThrowable(() -> again.login("alice", "password-alice").get(30, TimeUnit.SECONDS));

                assertThat(CertificatePins.changedCertificate(failure)).as("cause chain of " + failure).isPresent();
                assertThat(firstUse).hasSize(1);
            }
        }
    }
}
