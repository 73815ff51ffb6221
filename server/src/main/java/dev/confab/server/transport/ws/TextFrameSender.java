package dev.confab.server.transport.ws;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.glassfish.tyrus.core.TyrusWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a whole text frame that we framed ourselves through Tyrus' {@link TyrusWebSocket#sendRawFrame}, the path
 * Tyrus' own broadcast uses: the frame goes through the same lock and writer as Tyrus' frames, so it stays
 * ordered with pongs and the close frame. It skips what {@code sendText} does per frame: a new {@code StrictUtf8}
 * charset (whose constructor validates its name), a {@code CharsetEncoder} and a second copy of the payload; in a
 * 1,000-member fan-out that was ~11 % of the server's push CPU (async-profiler, docs/benchmarks.md).
 *
 * <p>Tyrus keeps the socket in a package-private field of its remote endpoint, read once per connection by
 * reflection. When that fails (another Tyrus version) or the connection negotiated an extension (which must see
 * every frame), {@link #of} returns null and the caller uses the standard {@code sendText}; a warning is logged once.
 */
final class TextFrameSender {
    private static final Logger LOG = LoggerFactory.getLogger(TextFrameSender.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final Field WEB_SOCKET = webSocketField();

    private final TyrusWebSocket socket;

    private TextFrameSender(TyrusWebSocket socket) {
        this.socket = socket;
    }

    /** A sender for this session, or null when frames must go through {@code sendText}. */
    static TextFrameSender of(jakarta.websocket.Session session) {
        try {
            if (WEB_SOCKET != null && session.getNegotiatedExtensions().isEmpty()
                    && WEB_SOCKET.get(session.getAsyncRemote()) instanceof TyrusWebSocket socket) {
                return new TextFrameSender(socket);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            warnOnce(e.toString());
        }
        return null;
    }

    /**
     * Queues one text frame; {@code done} runs once it is written or has failed (with the failure, else null),
     * possibly on this thread. Throws {@link IllegalStateException} when the socket is no longer connected.
     */
    void send(String text, Consumer<Throwable> done) {
        Future<?> written;
        try {
            written = socket.sendRawFrame(ByteBuffer.wrap(frame(text)));
        } catch (RuntimeException e) { // Tyrus: "socket not connected"
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (written instanceof CompletableFuture<?> f) {
            f.whenComplete((ignored, failure) -> done.accept(failure));
        } else {
            done.accept(null); // not a Tyrus 2.2 future: nothing to wait on
        }
    }

    /** An unmasked, unfragmented server-to-client text frame (RFC 6455 section 5.2) holding {@code text} in UTF-8. */
    static byte[] frame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int n = payload.length;
        int header = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + n];
        frame[0] = (byte) 0x81; // FIN, opcode 1 (text)
        if (n < 126) {
            frame[1] = (byte) n;
        } else if (n <= 0xFFFF) {
            frame[1] = 126;
            frame[2] = (byte) (n >>> 8);
            frame[3] = (byte) n;
        } else {
            frame[1] = 127;
            long len = n;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) (len >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, n);
        return frame;
    }

    private static Field webSocketField() {
        try {
            Field f = Class.forName("org.glassfish.tyrus.core.TyrusRemoteEndpoint").getDeclaredField("webSocket");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            warnOnce(e.toString());
            return null;
        }
    }

    private static void warnOnce(String why) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn("framing text frames through Tyrus' sendText ({}); more CPU per pushed frame", why);
        }
    }
}
