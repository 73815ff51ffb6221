package dev.confab.client.net;

import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One open, authenticated connection to the server that streams the user's events. A link never
 * reconnects: when it breaks it reports one {@link Listener#onFailure} and is done; the engine opens another.
 * Implementations are thread safe.
 */
interface Link {
    TransportKind kind();

    /**
     * Sends a request; the future completes with the reply (which may be a {@link Reply.Error}) or fails
     * with a {@link LinkFailure}. It completes on a network thread: never run application code there.
     */
    CompletableFuture<Reply> request(Request request);

    /** How many requests may wait for replies at once without the server reordering them. */
    int maxInFlight();

    /** The machine may have slept: check liveness now instead of at the next heartbeat. */
    void checkNow();

    /** Closes the link; no callbacks follow. Idempotent. */
    void close();

    /** Receives a link's events and its one failure, on a network thread; implementations only hand off. */
    interface Listener {
        /** Events in stream order; a stream may repeat events the engine already applied (after a switch). */
        void onEvents(List<Event> events);

        void onFailure(LinkFailure failure);

        /** A pushed presence or typing frame (WebSocket only); not part of the event stream. */
        default void onEphemeral(ServerFrame frame) {
        }
    }
}
