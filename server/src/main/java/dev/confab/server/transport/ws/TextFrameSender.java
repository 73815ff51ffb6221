package dev.confab.server.transport.ws;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
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
 * every frame), {@link #of} returns null and the caller uses the standard {@code sendText}; a missing field is
 * logged once as a warning. Frames are built by {@link FrameBuilder}.
 */
final class TextFrameSender implements WsConnection.FrameWriter {
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
     * Queues whole frames (see {@link FrameBuilder}), one or several back to back, in one write; {@code done} runs
     * once they are written or have failed (with the failure, else null), possibly on this thread. Throws
     * {@link IllegalStateException} when the socket is no longer connected.
     */
    @Override
    public void send(ByteBuffer frame, Consumer<Throwable> done) {
        Future<?> written;
        try {
            written = socket.sendRawFrame(frame);
        } catch (RuntimeException e) { // Tyrus: "socket not connected"
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (written instanceof CompletableFuture<?> f) {
            f.whenComplete((ignored, failure) -> done.accept(failure));
        } else {
            done.accept(null); // not a Tyrus 2.2 future: nothing to wait on
        }
    }

    static int headerLength(int payloadLength) {
        return payloadLength < 126 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
    }

    /**
     * Writes the header of an unmasked, unfragmented server-to-client text frame (RFC 6455 section 5.2) of
     * {@code n} payload bytes at {@code at}; returns where it ends.
     */
    static int writeHeader(byte[] frame, int at, int n) {
        frame[at] = (byte) 0x81; // FIN, opcode 1 (text)
        if (n < 126) {
            frame[at + 1] = (byte) n;
            return at + 2;
        }
        if (n <= 0xFFFF) {
            frame[at + 1] = 126;
            frame[at + 2] = (byte) (n >>> 8);
            frame[at + 3] = (byte) n;
            return at + 4;
        }
        frame[at + 1] = 127;
        for (int i = 0; i < 8; i++) {
            frame[at + 2 + i] = (byte) ((long) n >>> (56 - 8 * i));
        }
        return at + 10;
    }

    /**
     * Builds one text frame in a single array: the caller writes the UTF-8 payload into it (e.g. the codec writes
     * JSON straight into it), then {@link #toFrame} puts the header in the room kept in front. No String and no
     * second copy of the payload. Not thread safe; one per frame.
     */
    static final class FrameBuilder extends java.io.OutputStream {
        private static final int ROOM = 10; // the longest header
        private byte[] bytes;
        private int end = ROOM;

        /** {@code payloadLength}: the payload's exact length if known (no copy, no slack), else -1. */
        FrameBuilder(int payloadLength) {
            bytes = new byte[payloadLength >= 0 ? ROOM + payloadLength : 512];
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[end++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, end, len);
            end += len;
        }

        private void ensure(int more) {
            if (end + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, end + more));
            }
        }

        /** The finished frame (header and payload); the builder must not be written to afterwards. */
        ByteBuffer toFrame() {
            int n = end - ROOM;
            int start = ROOM - headerLength(n);
            writeHeader(bytes, start, n);
            return ByteBuffer.wrap(bytes, start, end - start);
        }
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
