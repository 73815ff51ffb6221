package dev.confab.server.chat;

import dev.confab.protocol.ServerFrame;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What the dispatcher needs from one transport connection. A WebSocket is one long-lived connection; an HTTP
 * request is a short-lived one whose session comes from its bearer token. Implementations are thread safe.
 */
public interface Connection {
    /** True for WebSocket connections, which must say {@code hello} first and may {@code subscribe}. */
    boolean streaming();

    boolean helloDone();

    void helloDone(boolean done);

    Optional<Session> session();

    void session(Session session);

    /** Runs the connection's requests one at a time, in arrival order, off the network threads. */
    Executor serial();

    /** Sends a pushed frame; never blocks. */
    void push(ServerFrame frame);

    /**
     * Whether a catch-up from the store may push more now: false while the connection has more unsent bytes than
     * its catch-up window, and once it is closed. Live events are pushed regardless; a peer that stops reading them
     * is dropped instead.
     */
    default boolean hasRoom() {
        return true;
    }

    /**
     * Runs {@code resume} once {@link #hasRoom} is true again (at once if it already is), on whatever thread
     * notices; it must not block. Never runs once the connection is closed. Only the latest registration is kept.
     */
    default void whenRoom(Runnable resume) {
        resume.run();
    }

    /**
     * A push is on its way (the event stream has live events for this connection and a drain to send them): a
     * reply ready before it may wait and go out in the same write. Every call is followed, sooner or later, by a
     * {@link #push} or by {@link #pushDone}.
     */
    default void expectPush() {
    }

    /** The push announced by {@link #expectPush} was made or will not come: write whatever waited for it. */
    default void pushDone() {
    }

    /**
     * Remembers the live event stream so it stops when the connection closes. Returns false (and closes the
     * subscription) if the connection already has one.
     */
    boolean attach(AutoCloseable subscription);

    /** False once the transport connection is gone (always true for an HTTP request being served). */
    boolean isOpen();

    /** The peer's IP address, for throttling; may be null. */
    String remoteAddress();

    /** Closes the connection (a no-op for HTTP requests). */
    void close(String reason);
}
