package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.support.ServerExtension;
import dev.confab.server.support.WsTestClient;
import dev.confab.server.transport.ConnectionCap;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cap on open connections: a connection beyond it is closed at once, while the connections already open, and
 * the store behind them, go on working; a freed place is taken by the next connection.
 */
@Timeout(60)
class ConnectionCapIntegrationTest {
    static final int CAP = 4;
    static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final ServerExtension server = new ServerExtension(c -> c.withMaxConnections(CAP));

    @Test
    void aConnectionBeyondTheCapIsClosedAtOnceWhileOpenOnesKeepWorkingAndAFreedPlaceIsReused() throws Exception {
        ConnectionCap cap = server.server().connectionCap();
        try (WsTestClient bob = server.connect()) {
            bob.register("bob", "password-bob");
        }
        WsTestClient alice = server.connect();
        alice.register("alice", "password-alice");
        alice.login("alice", "password-alice", "a");
        await().atMost(WAIT).until(() -> cap.open() == 1);
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 1; i < CAP; i++) {
                idle.add(connect());
            }
            await().atMost(WAIT).until(() -> cap.open() == CAP);

            try (Socket beyond = connect()) {
                beyond.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(readUntilClosed(beyond)).as("what the server answered beyond the cap").isEmpty();
            }
            assertThat(cap.refused()).isEqualTo(1);

            assertThat(alice.sendTo("bob", "k1", "stored while at the cap").duplicate()).isFalse();
            assertThat(alice.request(new Request.Ping("p1"))).isInstanceOf(Reply.Pong.class);

            idle.remove(0).close();
            await().atMost(WAIT).until(() -> cap.open() == CAP - 1);
            try (WsTestClient carol = server.connect()) {
                assertThat(carol.request(new Request.Ping("p2"))).isInstanceOf(Reply.Pong.class);
                assertThat(cap.open()).isEqualTo(CAP);
                assertThat(cap.refused()).isEqualTo(1);
            }
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) WAIT.toMillis());
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    /** Reads until the server closes (or resets) the connection; a read timeout fails the test. */
    private static String readUntilClosed(Socket socket) throws IOException {
        StringBuilder got = new StringBuilder();
        InputStream in = socket.getInputStream();
        try {
            for (int b; (b = in.read()) != -1; ) {
                got.append((char) b);
            }
        } catch (SocketException reset) {
            // closed with unread data in its buffer: the kernel answers with a reset
        }
        return got.toString();
    }
}
