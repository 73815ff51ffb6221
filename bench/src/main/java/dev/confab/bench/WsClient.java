package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bench device: a user's token, its event cursor, and the current WebSocket (replaced on reconnect).
 * Checks its event stream as it arrives: every event seq must be the previous one plus one, so a repeat
 * counts as a duplicate and a jump as a gap. Requests may be sent from any thread.
 */
final class WsClient {
    private static final long PING_SECONDS = 20;
    private static final long SETUP_TIMEOUT_SECONDS = 30;

    interface Listener {
        /** One event, in stream order, on a Tyrus worker thread; must not block. */
        void onEvent(WsClient client, EventsFrame.Event event, long receivedNanos);

        default void onClose(WsClient client, CloseReason reason) {
        }
    }

    final int index;
    final User user;
    private final WsTransport transport;
    private final Listener listener;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong gaps = new AtomicLong();
    private volatile Session session;
    private volatile ScheduledFuture<?> pinger;
    private volatile long lastSeq;

    WsClient(int index, User user, WsTransport transport, Listener listener) {
        this.index = index;
        this.user = user;
        this.transport = transport;
        this.listener = listener;
    }

    long lastSeq() {
        return lastSeq;
    }

    boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen();
    }

    /** Connects, says hello and authenticates with the user's token; then subscribes after the cursor if asked. */
    CompletableFuture<Long> start(boolean subscribe) {
        return transport.connect(endpoint())
                .thenCompose(s -> request("hello", "\"protocol\":1,\"client\":\"confab-bench\""))
                .thenCompose(r -> request("auth", "\"token\":" + Wire.str(user.token())))
                .thenCompose(r -> subscribe ? request("subscribe", "\"after\":" + lastSeq)
                        .thenApply(ok -> ok.path("latestSeq").asLong()) : CompletableFuture.completedFuture(0L))
                .orTimeout(SETUP_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .whenComplete((latest, failure) -> {
                    if (failure == null) {
                        schedulePing();
                    }
                });
    }

    /** Sends a request and completes with its reply; an {@code error} reply completes exceptionally. */
    CompletableFuture<JsonNode> request(String type, String fields) {
        String id = Long.toString(ids.incrementAndGet());
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        if (!sendText(Wire.request(type, id, fields))) {
            pending.remove(id);
            reply.completeExceptionally(new IOException("not connected"));
        }
        return reply;
    }

    private boolean sendText(String text) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            return false;
        }
        try {
            s.getAsyncRemote().sendText(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    void close() {
        ScheduledFuture<?> p = pinger;
        if (p != null) {
            p.cancel(false);
        }
        Session s = session;
        if (s != null) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                // already closed
            }
        }
    }

    private void schedulePing() {
        long first = ThreadLocalRandom.current().nextLong(PING_SECONDS * 1000);
        pinger = transport.timers.scheduleAtFixedRate(() -> {
            if (isOpen()) {
                request("ping", "");
            }
        }, first, PING_SECONDS * 1000, TimeUnit.MILLISECONDS);
    }

    private void onText(String text) {
        long now = System.nanoTime();
        List<EventsFrame.Event> events = EventsFrame.read(text);
        if (events != null) {
            for (EventsFrame.Event event : events) {
                long seq = event.seq();
                if (seq <= lastSeq) {
                    duplicates.incrementAndGet();
                    continue;
                }
                if (seq != lastSeq + 1) {
                    gaps.incrementAndGet();
                }
                lastSeq = seq;
                listener.onEvent(this, event, now);
            }
            return;
        }
        JsonNode frame = Wire.parse(text);
        CompletableFuture<JsonNode> reply = pending.remove(frame.path("id").asText());
        if (reply != null) {
            if ("error".equals(frame.path("type").asText())) {
                reply.completeExceptionally(Wire.ServerError.of(frame));
            } else {
                reply.complete(frame);
            }
        }
    }

    private Endpoint endpoint() {
        return new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig config) {
                s.setMaxTextMessageBufferSize(8 * 1024 * 1024);
                // Tyrus 2.2.2 schedules an idle-timeout task per frame unless the timeout is negative (see WsEndpoint).
                s.setMaxIdleTimeout(-1);
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) WsClient.this::onText);
                session = s;
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
                ScheduledFuture<?> p = pinger;
                if (p != null) {
                    p.cancel(false);
                }
                IOException closed = new IOException("connection closed: " + reason);
                pending.values().forEach(f -> f.completeExceptionally(closed));
                pending.clear();
                listener.onClose(WsClient.this, reason);
            }
        };
    }
}
