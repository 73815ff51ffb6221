package dev.confab.server.transport.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import org.glassfish.tyrus.spi.ReadHandler;
import org.slf4j.LoggerFactory;

/**
 * Lets go of a Tyrus read handler's frame buffer once it holds no unparsed bytes. Tyrus 2.2's
 * {@code TyrusReadHandler} keeps its last buffer between reads, sized by the largest frame the connection ever
 * sent: at least 256 bytes per idle connection, and up to the 1 MiB frame limit for good after one large frame.
 * Without the buffer Tyrus allocates a fresh one (rounded to 256 bytes) on the next read.
 *
 * <p>The field is reached through a private-lookup {@link VarHandle}; if a Tyrus version has no such field the
 * buffers are simply kept (logged once at startup). Must be called from the connection's read task processor,
 * the only caller of {@link ReadHandler#handle}, so it never races a read.
 */
final class TyrusReadBuffer {
    private static final String READ_HANDLER = "org.glassfish.tyrus.core.TyrusWebSocketEngine$TyrusReadHandler";
    private static final Class<?> OWNER;
    private static final VarHandle BUFFER;

    static {
        Class<?> owner = null;
        VarHandle buffer = null;
        try {
            owner = Class.forName(READ_HANDLER, false, ReadHandler.class.getClassLoader());
            buffer = MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
                    .findVarHandle(owner, "buffer", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LoggerFactory.getLogger(TyrusReadBuffer.class).warn(
                    "Tyrus read buffers stay allocated between frames (cannot reach {}.buffer: {})", READ_HANDLER,
                    e.toString());
        }
        OWNER = owner;
        BUFFER = buffer;
    }

    private TyrusReadBuffer() {
    }

    /** Drops {@code reader}'s buffer if it holds no partial frame. */
    static void releaseIfDrained(ReadHandler reader) {
        if (BUFFER != null && reader.getClass() == OWNER) {
            ByteBuffer buffer = (ByteBuffer) BUFFER.getVolatile(reader);
            if (buffer != null && !buffer.hasRemaining()) {
                BUFFER.setVolatile(reader, (ByteBuffer) null);
            }
        }
    }

    /** True when buffers can be released with this Tyrus version. */
    static boolean active() {
        return BUFFER != null;
    }

    /** The buffer {@code reader} keeps now (for tests). */
    static ByteBuffer held(ReadHandler reader) {
        return BUFFER == null ? null : (ByteBuffer) BUFFER.getVolatile(reader);
    }
}
