package dev.confab.server.transport.ws;

import dev.confab.protocol.Codec;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Limits;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.chat.Connections;
import dev.confab.server.chat.Dispatcher;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The Tyrus endpoint at {@code /ws}: a thin adapter that decodes text frames and hands them to the
 * {@link Dispatcher}. Runs on Grizzly worker threads, so it only decodes and queues; it never blocks.
 */
public final class WsEndpoint extends Endpoint {
    /** Frames above this are refused by Tyrus itself (close 1009); between the limits we answer frame_too_large. */
    public static final int HARD_FRAME_LIMIT = 1024 * 1024;
    /** Unsent bytes a connection may have queued before it is dropped as too slow. */
    public static final long MAX_QUEUED_BYTES = 16L * 1024 * 1024;
    /**
     * Unsent bytes under which a connection takes more frames of a catch-up from the store (see
     * {@code EventPump}); well under {@link #MAX_QUEUED_BYTES}, so catching up never trips it.
     */
    public static final long CATCH_UP_WINDOW = 1024 * 1024;
    private static final String CONNECTION = "confab.connection";

    private final Dispatcher dispatcher;
    private final Connections connections;
    private final Codec codec;
    private final Executor executor;
    private final Clock clock;
    private final Duration heartbeatTimeout;
    /** Requests per second per connection; the burst allowed above it is twice that. */
    private final int requestsPerSecond;
    private final Set<WsConnection> open = ConcurrentHashMap.newKeySet();

    public WsEndpoint(Dispatcher dispatcher, Connections connections, Codec codec, Executor executor, Clock clock,
                      Duration heartbeatTimeout, int requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
        this.dispatcher = dispatcher;
        this.connections = connections;
        this.codec = codec;
        this.executor = executor;
        this.clock = clock;
        this.heartbeatTimeout = heartbeatTimeout;
    }

    /** The endpoint configuration to register at {@code path}. */
    public ServerEndpointConfig config(String path) {
        WsEndpoint endpoint = this;
        return ServerEndpointConfig.Builder.create(WsEndpoint.class, path)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(endpoint);
                    }
                })
                .build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(HARD_FRAME_LIMIT);
        // Negative, not 0: Tyrus 2.2.2 treats 0 as "no timeout" but still schedules a zero-delay idle task on its
        // timer for every frame in and out (TyrusSession.restartIdleTimeoutExecutor); only a negative value skips it.
        // Dead peers are found by our own heartbeat (closeSilent).
        session.setMaxIdleTimeout(-1);
        WsConnection connection = new WsConnection(session, codec, executor, clock.millis(), MAX_QUEUED_BYTES,
                new dev.confab.server.chat.RateLimiter(requestsPerSecond, 2.0 * requestsPerSecond,
                        System.nanoTime()));
        session.getUserProperties().put(CONNECTION, connection);
        open.add(connection);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> onText(connection, text));
        session.addMessageHandler(java.nio.ByteBuffer.class, (MessageHandler.Whole<java.nio.ByteBuffer>) bytes -> {
            connection.heard(clock.millis());
            reply(connection, new Reply.Error(null, ErrorCode.BAD_FRAME, "binary frames are not supported; send text"));
        });
    }

    /**
     * Closes every WebSocket that sent nothing within the heartbeat timeout (a dead or half-open peer).
     * Its events stay in the store; the device catches up by cursor when it reconnects.
     */
    public void closeSilent() {
        long deadline = clock.millis() - heartbeatTimeout.toMillis();
        for (WsConnection c : open) {
            if (c.lastHeard() < deadline) {
                c.closeWith(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "heartbeat timeout"));
                release(c);
            }
        }
    }

    public int openConnections() {
        return open.size();
    }

    private void onText(WsConnection connection, String text) {
        connection.heard(clock.millis());
        if (text.length() > Limits.MAX_FRAME_BYTES
                && text.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_FRAME_BYTES) {
            reply(connection, new Reply.Error(codec.peekId(text), ErrorCode.FRAME_TOO_LARGE,
                    "frames are limited to " + Limits.MAX_FRAME_BYTES + " bytes"));
            return;
        }
        if (!connection.admit(System.nanoTime())) {
            reply(connection, new Reply.Error(codec.peekId(text), ErrorCode.RATE_LIMITED,
                    "more than " + requestsPerSecond + " requests per second; slow down"));
            return;
        }
        Request request;
        try {
            request = codec.decodeRequest(text);
        } catch (ProtocolException e) {
            reply(connection, new Reply.Error(codec.peekId(text), e.code(), e.getMessage()));
            return;
        }
        dispatcher.dispatch(request, connection).thenAccept(reply -> {
            reply(connection, reply);
            if (reply instanceof Reply.LogoutOk) {
                connection.close("logged out");
            }
        });
    }

    private void reply(WsConnection connection, Reply reply) {
        connection.reply(reply);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        release(session);
    }

    @Override
    public void onError(Session session, Throwable thr) {
        Object c = session.getUserProperties().get(CONNECTION);
        if (c instanceof WsConnection connection) {
            connection.closeWith(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "connection error"));
        }
        release(session);
    }

    private void release(Session session) {
        Object c = session.getUserProperties().get(CONNECTION);
        if (c instanceof WsConnection connection) {
            release(connection);
        }
    }

    private void release(WsConnection connection) {
        open.remove(connection);
        connection.released();
        connections.remove(connection);
    }
}
