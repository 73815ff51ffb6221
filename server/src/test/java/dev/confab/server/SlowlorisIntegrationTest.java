package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.support.ServerExtension;
import dev.confab.server.support.WsTestClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slowloris: hundreds of HTTP requests that never finish their headers. The server closes them after its idle
 * timeout (35 s here) instead of holding them forever, and an ordinary WebSocket client stays fast meanwhile.
 */
@Timeout(120)
class SlowlorisIntegrationTest {
    static final int SLOW = 300;

    @RegisterExtension
    final ServerExtension server = new ServerExtension(c -> c.withHeartbeatTimeout(Duration.ofSeconds(5)));

    @Test
    void unfinishedRequestsAreClosedAndOthersStayFast() throws Exception {
        WsTestClient alice = server.connect();
        List<Socket> slow = new ArrayList<>();
        Histogram micros = new Histogram(3);
        try {
            for (int i = 0; i < SLOW; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
                s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                long t = System.nanoTime();
                assertThat(alice.request(new Request.Ping(alice.nextId()))).isInstanceOf(Reply.Pong.class);
                micros.recordValue((System.nanoTime() - t) / 1000);
                return slow.stream().allMatch(SlowlorisIntegrationTest::closedByServer);
            });
            System.out.printf("%d slowloris requests closed after %d s; ordinary client ping p50=%d us p99=%d us%n",
                    SLOW, Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                    micros.getValueAtPercentile(50), micros.getValueAtPercentile(99));
            assertThat(alice.isOpen()).as("a pinging WebSocket outlives the idle timeout").isTrue();
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    /** True once the server closed the connection (end of stream), without blocking. */
    private static boolean closedByServer(Socket s) {
        try {
            s.setSoTimeout(1);
            InputStream in = s.getInputStream();
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
