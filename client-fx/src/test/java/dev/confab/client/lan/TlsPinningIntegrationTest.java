package dev.confab.client.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust on first use against the real server started with {@code --tls}: pinned on first use, accepted after, a
 * different certificate on the same host and port refused.
 */
@Timeout(90)
class TlsPinningIntegrationTest {
    @TempDir
    Path root;

    @Test
    void firstConnectionPinsTheCertificateAndADifferentCertificateIsRefused() throws Exception {
        Path pinFile = root.resolve("client/" + CertificatePins.FILE_NAME);
        List<String> firstUse = new CopyOnWriteArrayList<>();
        int port;
        String original;
        try (ServerInChildJvm server = ServerInChildJvm.start(root.resolve("server-a"), "--bind", "127.0.0.1",
                "--port", "0", "--tls", "--no-discovery")) {
            port = server.port();
            original = CertificatePins.fingerprint(ServerInChildJvm.certificate(root.resolve("server-a")));
            String key = CertificatePins.key("127.0.0.1", port);
            CertificatePins pins = CertificatePins.open(pinFile);

            assertThat(health(pins.sslContext(key, (hp, fp) -> firstUse.add(hp + " " + fp)), port)).isEqualTo(200);
            assertThat(firstUse).containsExactly(key + " " + original);
            assertThat(Files.readString(pinFile)).contains(key + " " + original);

            CertificatePins reopened = CertificatePins.open(pinFile);
            assertThat(health(reopened.sslContext(key, (hp, fp) -> firstUse.add("again")), port)).isEqualTo(200);
            assertThat(firstUse).as("no second first use").hasSize(1);
        }

        // Another server with its own new certificate on the same host and port: an impostor, as far as the pin knows.
        try (ServerInChildJvm impostor = ServerInChildJvm.start(root.resolve("server-b"), "--bind", "127.0.0.1",
                "--port", Integer.toString(port), "--tls", "--no-discovery")) {
            String key = CertificatePins.key("127.0.0.1", port);
            CertificatePins pins = CertificatePins.open(pinFile);
            Throwable failure = catchThrowable(() -> health(pins.sslContext(key, (hp, fp) -> firstUse.add("wrong")), port));

            String presented = CertificatePins.fingerprint(ServerInChildJvm.certificate(root.resolve("server-b")));
            assertThat(CertificatePins.changedCertificate(failure)).as("cause chain of " + failure)
                    .hasValueSatisfying(changed -> {
                        assertThat(changed.pinnedFingerprint()).isEqualTo(original);
                        assertThat(changed.presentedFingerprint()).isEqualTo(presented);
                    });
            assertThat(firstUse).hasSize(1);
            assertThat(CertificatePins.open(pinFile).pinned(key)).as("the pin is kept").contains(original);
        }
    }

    @Test
    void pinReplacesHostNameChecks() throws Exception {
        Path keystore = root.resolve("elsewhere.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", "CN=elsewhere.example", "-ext", "san=dns:elsewhere.example")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();
        Path password = Files.writeString(root.resolve("password"), "changeit");

        try (ServerInChildJvm server = ServerInChildJvm.start(root.resolve("server"), "--bind", "127.0.0.1",
                "--port", "0", "--no-discovery", "--tls-keystore", keystore.toString(),
                "--tls-keystore-password-file", password.toString())) {
            CertificatePins pins = CertificatePins.open(root.resolve(CertificatePins.FILE_NAME));
            String key = CertificatePins.key("127.0.0.1", server.port());
            assertThat(health(pins.sslContext(key, null), server.port()))
                    .as("a certificate for another name is fine once pinned").isEqualTo(200);
            assertThat(pins.pinned(key)).isPresent();
        }
    }

    private static int health(SSLContext tls, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
