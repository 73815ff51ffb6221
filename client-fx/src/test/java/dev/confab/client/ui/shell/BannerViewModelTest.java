package dev.confab.client.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.net.ConnectionState;
import dev.confab.client.net.TransportKind;
import dev.confab.client.ui.shell.BannerViewModel.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BannerViewModelTest {
    private final Instant now = Instant.parse("2026-03-10T12:00:00Z");
    private final AtomicInteger retries = new AtomicInteger();
    private final BannerViewModel vm = new BannerViewModel(Clock.fixed(now, ZoneOffset.UTC), retries::incrementAndGet);

    @Test
    void saysWhichTransportIsConnected() {
        vm.setState(new ConnectionState.Online(TransportKind.WEBSOCKET));
        assertThat(vm.textProperty().get()).isEqualTo("Connected");
        assertThat(vm.levelProperty().get()).isEqualTo(Level.OK);

        vm.setState(new ConnectionState.Online(TransportKind.LONG_POLL));
        assertThat(vm.textProperty().get()).isEqualTo("Connected via fallback (long-poll)");
        assertThat(vm.levelProperty().get()).isEqualTo(Level.DEGRADED);
    }

    @Test
    void countsDownToTheNextAttemptWithRetryNow() {
        vm.setQueued(2);
        vm.setState(new ConnectionState.WaitingToReconnect(now.plusMillis(4200), 1, "refused"));
        assertThat(vm.textProperty().get()).isEqualTo("Reconnecting in 5 s · 2 messages waiting to send");
        assertThat(vm.retryVisibleProperty().get()).isTrue();
        vm.retry();
        assertThat(retries).hasValue(1);
    }

    @Test
    void afterRepeatedFailuresItSaysOffline() {
        vm.setState(new ConnectionState.WaitingToReconnect(now.plusSeconds(30), 3, "refused"));
        assertThat(vm.textProperty().get()).isEqualTo("Offline · retrying in 30 s");
        assertThat(vm.levelProperty().get()).isEqualTo(Level.DOWN);
    }

    @Test
    void signedOutOffersSignIn() {
        vm.setState(new ConnectionState.SignedOut("token revoked"));
        assertThat(vm.textProperty().get()).isEqualTo("Signed out: token revoked");
        assertThat(vm.signInVisibleProperty().get()).isTrue();
        assertThat(vm.retryVisibleProperty().get()).isFalse();
    }

    @Test
    void connectingAgainIsReconnecting() {
        vm.setState(new ConnectionState.Connecting(TransportKind.WEBSOCKET, 1));
        assertThat(vm.textProperty().get()).isEqualTo("Connecting…");
        vm.setQueued(1);
        vm.setState(new ConnectionState.Connecting(TransportKind.WEBSOCKET, 3));
        assertThat(vm.textProperty().get()).isEqualTo("Reconnecting… · 1 message waiting to send");
    }
}
