package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.support.RawWebSocket;
import dev.confab.server.support.ServerExtension;
import dev.confab.server.support.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A thousand WebSockets that upgrade and then go silent (half-open peers, or an attacker holding sockets): the
 * heartbeat deadline closes them all, and an ordinary client's latency stays bounded meanwhile.
 */
@Timeout(120)
class HalfOpenFloodIntegrationTest {
    static final int SILENT = 1000;

    @RegisterExtension
    final ServerExtension server = new ServerExtension(c -> c.withHeartbeatTimeout(Duration.ofSeconds(3)));

    @Test
    void silentConnectionsAreReapedWhileOthersStayFast() throws Exception {
        WsTestClient alice = server.connect();
        alice.register("alice", "password-alice");
        alice.login("alice", "password-alice", "a");
        List<RawWebSocket> silent = new ArrayList<>();
        Histogram micros = new Histogram(3);
        try {
            for (int i = 0; i < SILENT; i++) {
                silent.add(RawWebSocket.connect(server.port()));
                if (i % 50 == 0) {
                    long start = System.nanoTime();
                    assertThat(alice.request(new Request.Ping("p" + i))).isInstanceOf(Reply.Pong.class);
                    micros.recordValue((System.nanoTime() - start) / 1000);
                }
            }
            assertThat(silent).hasSize(SILENT);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                long start = System.nanoTime();
                alice.request(new Request.Ping(alice.nextId()));
                micros.recordValue((System.nanoTime() - start) / 1000);
                return server.server().openWebSockets() == 1;
            });

            System.out.printf("%d silent WebSockets reaped; ordinary client ping p50=%d us p99=%d us max=%d us%n",
                    SILENT, micros.getValueAtPercentile(50), micros.getValueAtPercentile(99), micros.getMaxValue());
            assertThat(micros.getValueAtPercentile(99)).isLessThan(2_000_000);
            assertThat(alice.isOpen()).isTrue();
        } finally {
            for (RawWebSocket s : silent) {
                s.close();
            }
        }
    }
}
