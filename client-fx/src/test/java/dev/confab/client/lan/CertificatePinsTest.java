package dev.confab.client.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificatePinsTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @TempDir
    Path dir;

    @Test
    void firstUsePinsThenOnlyThatFingerprintIsAccepted() throws Exception {
        CertificatePins pins = CertificatePins.open(dir.resolve("known_servers"));

        assertThat(pins.verifyOrPin("host:8443", A)).as("first use").isTrue();
        assertThat(pins.verifyOrPin("host:8443", A)).as("known").isFalse();
        assertThatThrownBy(() -> pins.verifyOrPin("host:8443", B))
                .isInstanceOfSatisfying(CertificateChangedException.class, e -> {
                    assertThat(e.hostPort()).isEqualTo("host:8443");
                    assertThat(e.pinnedFingerprint()).isEqualTo(A);
                    assertThat(e.presentedFingerprint()).isEqualTo(B);
                    assertThat(e.getMessage()).contains("has changed", "AA:AA", "BB:BB", "refused");
                });
        assertThat(pins.pinned("host:8443")).contains(A);
        assertThat(pins.verifyOrPin("host:9443", B)).as("pins are per port").isTrue();
    }

    @Test
    void pinsSurviveARestartAndForgettingAcceptsTheNextCertificate() throws Exception {
        Path file = dir.resolve("sub/known_servers");
        CertificatePins first = CertificatePins.open(file);
        first.verifyOrPin("host:1", A);
        first.pin("other:2", B.toUpperCase());

        CertificatePins again = CertificatePins.open(file);
        assertThat(again.pinned("host:1")).contains(A);
        assertThat(again.pinned("other:2")).contains(B);
        again.forget("host:1");
        assertThat(CertificatePins.open(file).pinned("host:1")).isEmpty();
        assertThat(again.verifyOrPin("host:1", B)).isTrue();
    }

    @Test
    void malformedLinesAreIgnored() throws Exception {
        Path file = dir.resolve("known_servers");
        Files.writeString(file, "# comment\nhost:1 " + A + "\ngarbage\nhost:2 not-hex\n\n");
        CertificatePins pins = CertificatePins.open(file);
        assertThat(pins.pinned("host:1")).contains(A);
        assertThat(pins.pinned("host:2")).isEmpty();
        assertThatThrownBy(() -> pins.pin("x:1", "zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysAndDisplay() {
        assertThat(CertificatePins.key("Server.Local", 8443)).isEqualTo("server.local:8443");
        assertThat(CertificatePins.key("::1", 8443)).isEqualTo("[::1]:8443");
        assertThat(CertificatePins.key(URI.create("https://[::1]:9000"))).isEqualTo("[::1]:9000");
        assertThat(CertificatePins.key(URI.create("https://office"))).isEqualTo("office:443");
        assertThat(CertificatePins.display("0a1b")).isEqualTo("0A:1B");
        assertThat(new LanServer("x", "10.0.0.5", 8443, true, A, 1, "1").address())
                .isEqualTo(URI.create("https://10.0.0.5:8443"));
    }
}
