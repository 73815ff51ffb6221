package dev.confab.server.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.JacksonCodec;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.support.ServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How {@code POST /api/v1/rpc} reads its body, over a raw socket so the test decides how the bytes arrive: headers
 * and body in separate packets (as the JDK HttpClient sends them), chunked, pipelined behind a slow request.
 */
@Timeout(60)
class HttpRequestBodyIntegrationTest {
    private static final JacksonCodec CODEC = new JacksonCodec();

    /** Argon2 with 64 MiB makes a register take long enough for a pipelined request to arrive meanwhile. */
    @RegisterExtension
    final ServerExtension server = new ServerExtension(c -> c.withArgon2MemoryKib(64 * 1024));

    /**
     * The rare CI hang: after a body that arrived apart from its headers, Grizzly went on reading the connection
     * while the request was still being answered, so the next request on it was read concurrently with the end of
     * this one, and now and then lost its body. Here the next request is sent at once: it must wait for the slow
     * register, not be read (and answered) while the register is still running.
     */
    @Test
    void aRequestPipelinedBehindASplitBodyWaitsForIt() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            byte[] register = CODEC.encode(new Request.Register("a", "alice", "password-alice", null))
                    .getBytes(StandardCharsets.UTF_8);
            out.write(headers(register.length));
            out.flush();
            // Let the server read the headers alone, so the body arrives as a second read.
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
            out.write(register);
            out.flush();
            out.write(post(CODEC.encode(new Request.Ping("b"))));
            out.flush();

            InputStream in = socket.getInputStream();
            ServerFrame first = readResponse(in, 200);
            ServerFrame second = readResponse(in, 200);

            assertThat(first).isInstanceOf(Reply.RegisterOk.class);
            assertThat(second).isInstanceOf(Reply.Pong.class);
        }
    }

    @Test
    void aBodyInSeveralPiecesIsReadWhole() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            byte[] ping = CODEC.encode(new Request.Ping("p")).getBytes(StandardCharsets.UTF_8);
            out.write(headers(ping.length));
            for (byte b : ping) {
                out.write(b);
                out.flush();
            }

            assertThat(readResponse(socket.getInputStream(), 200)).isInstanceOf(Reply.Pong.class);
        }
    }

    @Test
    void aChunkedBodyIsReadWhole() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            byte[] ping = CODEC.encode(new Request.Ping("p")).getBytes(StandardCharsets.UTF_8);
            out.write(("POST /api/v1/rpc HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int half = ping.length / 2;
            out.write(chunk(ping, 0, half));
            out.flush();
            out.write(chunk(ping, half, ping.length));
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(readResponse(in, 200)).isInstanceOf(Reply.Pong.class);

            // The connection stays usable.
            out.write(post(CODEC.encode(new Request.Ping("q"))));
            out.flush();
            assertThat(readResponse(in, 200)).isInstanceOf(Reply.Pong.class);
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefused() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/rpc HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] big = ("{\"type\":\"ping\",\"id\":\"p\",\"pad\":\"" + "x".repeat(Limits.MAX_FRAME_BYTES) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            for (int from = 0; from < big.length; from += 8192) {
                out.write(chunk(big, from, Math.min(big.length, from + 8192)));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            ServerFrame reply = readResponse(socket.getInputStream(), 413);
            assertThat(reply).isInstanceOf(Reply.Error.class);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(20_000);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        return socket;
    }

    private static byte[] headers(int contentLength) {
        return ("POST /api/v1/rpc HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: "
                + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] post(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(headers(body.length));
        all.writeBytes(body);
        return all.toByteArray();
    }

    private static byte[] chunk(byte[] data, int from, int to) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes((Integer.toHexString(to - from) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        all.write(data, from, to - from);
        all.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return all.toByteArray();
    }

    /** Reads one response with a Content-Length body; checks its status and decodes the body. */
    private static ServerFrame readResponse(InputStream in, int status) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        assertThat(lines[0]).startsWith("HTTP/1.1 " + status);
        int length = -1;
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        assertThat(length).as("Content-Length of " + lines[0]).isNotNegative();
        byte[] body = in.readNBytes(length);
        assertThat(body).hasSize(length);
        return CODEC.decodeServerFrame(new String(body, StandardCharsets.UTF_8));
    }
}
