package dev.confab.client.net;

import dev.confab.protocol.Codec;
import dev.confab.protocol.Limits;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.ServerFrame;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.glassfish.tyrus.client.ClientManager;

/**
 * One WebSocket: {@code hello}, {@code auth}, {@code subscribe}, then requests and pushed events. It pings
 * every {@code pingInterval} and declares itself dead when no frame arrived for
 * {@code pingInterval + pongTimeout}. Tyrus threads only decode and hand off to the listener. Thread safe.
 */
final class WebSocketLink extends Endpoint implements Link {
    /** history_ok and conversations_ok are not paged by size (protocol.md §24): 16 MiB is ample for them. */
    private static final int MAX_INCOMING_FRAME = 16 * 1024 * 1024;

    private final ClientConfig config;
    private final Codec codec;
    private final ClientRuntime runtime;
    private final Link.Listener listener;
    private final String token;
    private final long after;
    private final CompletableFuture<Link> opened = new CompletableFuture<>();
    private final ConcurrentHashMap<String, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean done = new AtomicBoolean();
    private final LinkTimers timers;
    private volatile Session session;
    private volatile long lastFrameNanos;

    WebSocketLink(ClientConfig config, Codec codec, ClientRuntime runtime, Link.Listener listener, String token,
                  long after) {
        this.config = config;
        this.codec = codec;
        this.runtime = runtime;
        this.listener = listener;
        this.token = token;
        this.after = after;
        this.timers = new LinkTimers(runtime.scheduler());
    }

    /** Starts connecting on an I/O thread; the future completes once subscribed. */
    CompletableFuture<Link> open(ClientManager client) {
        long budget = config.connectTimeout().plus(config.pongTimeout()).toMillis();
        timers.once(() -> fail(new LinkFailure(LinkFailure.Reason.TIMEOUT, "not subscribed within " + budget + " ms")),
                budget);
        runtime.io().execute(() -> {
            try {
                client.connectToServer(this, ClientEndpointConfig.Builder.create().build(), config.webSocketUri());
            } catch (Exception e) {
                fail(connectFailure(e));
            }
        });
        return opened;
    }

    @Override
    public void onOpen(Session s, EndpointConfig endpointConfig) {
        session = s;
        if (done.get()) {
            closeSession();
            return;
        }
        s.setMaxTextMessageBufferSize(MAX_INCOMING_FRAME);
        // Tyrus 2.2.2 schedules a zero-delay idle-timeout task per frame unless the timeout is negative; dead links
        // are found by our own pings.
        s.setMaxIdleTimeout(-1);
        lastFrameNanos = runtime.nanoTime().getAsLong();
        s.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
        request(new Request.Hello(nextId(), Limits.PROTOCOL_VERSION, "confab-client-fx"))
                .thenCompose(r -> expect(r, Reply.HelloOk.class, () -> request(new Request.Auth(nextId(), token))))
                .thenCompose(r -> expect(r, Reply.AuthOk.class, () -> request(new Request.Subscribe(nextId(), after))))
                .thenCompose(r -> expect(r, Reply.SubscribeOk.class, () -> CompletableFuture.completedFuture(r)))
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        fail(LinkFailure.of(failure));
                    } else {
                        subscribed();
                    }
                });
    }

    private void subscribed() {
        timers.cancelAll();
        long ping = config.pingInterval().toMillis();
        long deadline = ping + config.pongTimeout().toMillis();
        timers.every(() -> request(new Request.Ping(nextId())), ping);
        timers.every(() -> {
            long silentMillis = (runtime.nanoTime().getAsLong() - lastFrameNanos) / 1_000_000;
            if (silentMillis > deadline) {
                fail(new LinkFailure(LinkFailure.Reason.HEARTBEAT, "no frame for " + silentMillis + " ms"));
            }
        }, Math.max(10, config.pongTimeout().toMillis() / 4));
        if (done.get()) {
            timers.cancelAll();
        } else {
            opened.complete(this);
        }
    }

    private void onText(String text) {
        lastFrameNanos = runtime.nanoTime().getAsLong();
        ServerFrame frame;
        try {
            frame = codec.decodeServerFrame(text);
        } catch (ProtocolException e) {
            fail(new LinkFailure(LinkFailure.Reason.PROTOCOL, "undecodable frame: " + e.getMessage()));
            return;
        }
        if (frame instanceof ServerFrame.Events events) {
            if (!done.get()) {
                listener.onEvents(events.events());
            }
        } else if (frame instanceof Reply reply && reply.id() != null) {
            CompletableFuture<Reply> waiting = pending.remove(reply.id());
            if (waiting != null) {
                waiting.complete(reply);
            }
        } else if (frame instanceof Reply.Error error) {
            fail(LinkFailure.of(error));
        } else if (frame instanceof ServerFrame.Presence || frame instanceof ServerFrame.TypingNotice) {
            if (!done.get()) {
                listener.onEphemeral(frame);
            }
        }
    }

    @Override
    public TransportKind kind() {
        return TransportKind.WEBSOCKET;
    }

    @Override
    public CompletableFuture<Reply> request(Request request) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        Session s = session;
        if (done.get() || s == null) {
            reply.completeExceptionally(new LinkFailure(LinkFailure.Reason.CLOSED, "link is closed"));
            return reply;
        }
        pending.put(request.id(), reply);
        try {
            s.getAsyncRemote().sendText(codec.encode(request), result -> {
                if (!result.isOK()) {
                    fail(LinkFailure.of(result.getException()));
                }
            });
        } catch (RuntimeException e) { // Tyrus: "Connection is not open"
            fail(new LinkFailure(LinkFailure.Reason.CLOSED, e.toString(), e));
        }
        if (done.get()) {
            pending.remove(request.id());
            reply.completeExceptionally(new LinkFailure(LinkFailure.Reason.CLOSED, "link is closed"));
        }
        return reply;
    }

    @Override
    public int maxInFlight() {
        return config.maxInFlight();
    }

    /** Pings now and moves the deadline so that only {@code pongTimeout} remains to hear anything. */
    @Override
    public void checkNow() {
        lastFrameNanos = Math.min(lastFrameNanos, runtime.nanoTime().getAsLong() - config.pingInterval().toNanos());
        request(new Request.Ping(nextId()));
    }

    @Override
    public void onClose(Session s, CloseReason reason) {
        fail(new LinkFailure(LinkFailure.Reason.CLOSED, "closed by peer: " + reason.getCloseCode().getCode() + " "
                + reason.getReasonPhrase()));
    }

    @Override
    public void onError(Session s, Throwable error) {
        fail(LinkFailure.of(error));
    }

    @Override
    public void close() {
        end(new LinkFailure(LinkFailure.Reason.LOCAL_CLOSE, "closed by the client"), false);
    }

    private void fail(LinkFailure failure) {
        end(failure, true);
    }

    private void end(LinkFailure failure, boolean report) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        timers.cancelAll();
        pending.values().forEach(f -> f.completeExceptionally(failure));
        pending.clear();
        closeSession();
        if (!opened.completeExceptionally(failure) && report) {
            listener.onFailure(failure);
        }
    }

    private void closeSession() {
        Session s = session;
        if (s != null) {
            runtime.io().execute(() -> {
                try {
                    s.close();
                } catch (Exception e) {
                    // already gone
                }
            });
        }
    }

    private String nextId() {
        return "w" + ids.incrementAndGet();
    }

    private static <T extends Reply> CompletableFuture<Reply> expect(Reply reply, Class<T> type,
                                                                     Supplier<CompletableFuture<Reply>> next) {
        if (type.isInstance(reply)) {
            return next.get();
        }
        if (reply instanceof Reply.Error error) {
            throw new CompletionException(LinkFailure.of(error));
        }
        throw new CompletionException(new LinkFailure(LinkFailure.Reason.PROTOCOL,
                "expected " + type.getSimpleName() + ", got " + reply.getClass().getSimpleName()));
    }

    private static LinkFailure connectFailure(Exception e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return new LinkFailure(LinkFailure.Reason.UNREACHABLE, String.valueOf(c.getMessage()), e);
            }
        }
        return new LinkFailure(LinkFailure.Reason.HANDSHAKE, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
}
