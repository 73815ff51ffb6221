package dev.confab.server.transport.ws;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.memory.ByteBufferArray;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;
import org.glassfish.tyrus.container.grizzly.client.TaskProcessor;
import org.glassfish.tyrus.spi.ReadHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits just before Grizzly's HTTP codec and, once Tyrus has upgraded a connection, hands every read straight to
 * the Tyrus connection, the way Tyrus' own {@code GrizzlyServerFilter} does for upgraded connections. Without it
 * every WebSocket frame passes through the codec as content of the upgrade request, which keeps that request, its
 * response and their header arrays (~7 KiB) alive for the connection's life; after the handshake this filter
 * drops the codec's per-connection request state so they can be collected, and after each read lets go of Tyrus'
 * drained frame buffer ({@link TyrusReadBuffer}). ADR 0013.
 *
 * <p>Writes and close events pass through unchanged: Tyrus writes raw buffers, which the codec forwards, and
 * {@code GrizzlyServerFilter.handleClose} still closes the session. Reads of upgraded connections are reported to
 * the listener's {@code IdleTimeoutFilter} (which sits behind the codec) so the idle timeout sees them as before.
 * If a Tyrus version stores its connection under other attribute names, nothing is bypassed and a warning is
 * logged once. Stateless; safe to share between connections.
 */
final class UpgradedConnectionFilter extends BaseFilter {
    private static final Logger LOG = LoggerFactory.getLogger(UpgradedConnectionFilter.class);
    /** Tyrus 2.2 GrizzlyServerFilter's attribute names; the attribute builder returns the same attribute by name. */
    static final String TYRUS_CONNECTION_NAME =
            "org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter.Connection";
    static final String TASK_PROCESSOR_NAME = TaskProcessor.class.getName() + ".TaskProcessor";
    /** Grizzly 4.0 HttpServerFilter's keep-alive attribute (its request attribute name is a public constant). */
    static final String KEEP_ALIVE_NAME = "HttpServerFilter.KeepAliveContext";

    private static final Attribute<org.glassfish.tyrus.spi.Connection> TYRUS_CONNECTION =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(TYRUS_CONNECTION_NAME);
    private static final Attribute<TaskProcessor> TASK_PROCESSOR =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(TASK_PROCESSOR_NAME);
    private static final Attribute<HttpRequestPacket> HTTP_REQUEST =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);
    private static final Attribute<Object> KEEP_ALIVE = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(KEEP_ALIVE_NAME);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final IdleTimeoutFilter idleTimeout;
    private final FilterChainContext.CompletionListener releaseAfterHandshake = this::releaseIfUpgraded;

    /** @param idleTimeout the listener's idle-timeout filter, told about bypassed reads; null when there is none */
    UpgradedConnectionFilter(IdleTimeoutFilter idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws java.io.IOException {
        Connection<?> connection = ctx.getConnection();
        org.glassfish.tyrus.spi.Connection tyrus = TYRUS_CONNECTION.get(connection);
        TaskProcessor tasks = TASK_PROCESSOR.get(connection);
        if (tyrus == null || tasks == null || !(ctx.getMessage() instanceof Buffer buffer)) {
            // Not (yet) a WebSocket: HTTP as usual; if this read completes a handshake, drop the HTTP state after it.
            ctx.addCompletionListener(releaseAfterHandshake);
            return ctx.getInvokeAction();
        }
        if (idleTimeout != null) {
            idleTimeout.handleRead(ctx);
        }
        if (buffer.hasRemaining()) {
            ReadHandler reader = tyrus.getReadHandler();
            if (!buffer.isComposite()) {
                tasks.processTask(new ReadTask(buffer.toByteBuffer(), reader));
            } else {
                ByteBufferArray array = buffer.toByteBufferArray();
                ByteBuffer[] parts = array.getArray();
                for (int i = 0; i < array.size(); i++) {
                    tasks.processTask(new ReadTask(parts[i], reader));
                }
                array.recycle();
            }
        }
        return ctx.getStopAction();
    }

    private void releaseIfUpgraded(FilterChainContext ctx) {
        Connection<?> connection = ctx.getConnection();
        if (upgraded(connection)) {
            // Only now: while either attribute is missing, frames still need the codec's request state.
            HTTP_REQUEST.remove(connection);
            KEEP_ALIVE.remove(connection);
            return;
        }
        HttpRequestPacket request = HTTP_REQUEST.get(connection);
        if (request != null && request.isUpgrade() && request.getResponse().getStatus() == 101
                && WARNED.compareAndSet(false, true)) {
            LOG.warn("Tyrus upgraded a connection but its attributes {} / {} are not set; WebSocket frames keep "
                    + "going through the HTTP codec (more memory per connection)", TYRUS_CONNECTION_NAME,
                    TASK_PROCESSOR_NAME);
        }
    }

    private static boolean upgraded(Connection<?> connection) {
        return TYRUS_CONNECTION.get(connection) != null && TASK_PROCESSOR.get(connection) != null;
    }

    /** True when this connection's reads bypass the HTTP codec (for tests). */
    static boolean bypasses(Connection<?> connection) {
        return upgraded(connection) && HTTP_REQUEST.get(connection) == null;
    }

    /** The Tyrus read handler of an upgraded connection, else null (for tests). */
    static ReadHandler reader(Connection<?> connection) {
        org.glassfish.tyrus.spi.Connection tyrus = TYRUS_CONNECTION.get(connection);
        return tyrus == null ? null : tyrus.getReadHandler();
    }

    private static final class ReadTask extends TaskProcessor.Task {
        private final ByteBuffer data;
        private final ReadHandler reader;

        ReadTask(ByteBuffer data, ReadHandler reader) {
            this.data = data;
            this.reader = reader;
        }

        @Override
        public void execute() {
            reader.handle(data);
            TyrusReadBuffer.releaseIfDrained(reader);
        }
    }
}
