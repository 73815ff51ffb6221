package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.support.ServerExtension;
import dev.confab.server.support.WsTestClient;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class HeartbeatIntegrationTest {
    @RegisterExtension
    final ServerExtension server = new ServerExtension(c -> c.withHeartbeatTimeout(Duration.ofSeconds(2)));

    @Test
    void silentWebSocketIsClosedAfterTheHeartbeatTimeout() {
        WsTestClient silent = server.connect();

        await().atMost(Duration.ofSeconds(10)).until(() -> !silent.isOpen());

        assertThat(silent.closeReason().getCloseCode()).isEqualTo(CloseReason.CloseCodes.GOING_AWAY);
        assertThat(silent.closeReason().getReasonPhrase()).isEqualTo("heartbeat timeout");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.server().openWebSockets() == 0);
    }

    @Test
    void pingingWebSocketStaysOpen() {
        WsTestClient pinging = server.connect();
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();

        int pongs = 0;
        while (System.nanoTime() < until) {
            assertThat(pinging.request(new Request.Ping("p" + pongs))).isInstanceOf(Reply.Pong.class);
            pongs++;
            await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> true);
        }

        assertThat(pinging.isOpen()).isTrue();
        assertThat(pongs).isGreaterThan(5);
    }
}
