package dev.confab.client.net;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Reply;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Why a link could not be opened or stopped working; the engine decides what to do about it. */
final class LinkFailure extends Exception {
    enum Reason {
        /** Nothing listens at the address, or the network is down. */
        UNREACHABLE,
        /** The WebSocket handshake was refused or broken (a proxy stripping {@code Upgrade}, say). */
        HANDSHAKE,
        /** A request or the handshake took longer than allowed. */
        TIMEOUT,
        /** No frame arrived within the heartbeat deadline: a dead or half-open link. */
        HEARTBEAT,
        /** The peer closed the connection, or a read or write failed. */
        CLOSED,
        /** The server does not accept the token any more: signed out. */
        AUTH_REJECTED,
        /** The cursor is beyond the server's stream: resync from 0. */
        BAD_CURSOR,
        /** The server answered with an error that a retry may fix ({@code unavailable}, {@code internal},
         *  {@code rate_limited}: the link is replaced after a backoff, which also slows us down). */
        SERVER_ERROR,
        /** The server sent something this client does not understand, or the stream had a gap. */
        PROTOCOL,
        /** The engine closed the link itself. */
        LOCAL_CLOSE
    }

    private final Reason reason;

    LinkFailure(Reason reason, String message) {
        this(reason, message, null);
    }

    LinkFailure(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    /** Classifies an error reply received where a success was expected. */
    static LinkFailure of(Reply.Error error) {
        Reason reason = error.code() == ErrorCode.UNAUTHENTICATED ? Reason.AUTH_REJECTED
                : error.code() == ErrorCode.BAD_CURSOR ? Reason.BAD_CURSOR
                : error.code() == ErrorCode.UNAVAILABLE || error.code() == ErrorCode.INTERNAL
                        || error.code() == ErrorCode.RATE_LIMITED ? Reason.SERVER_ERROR
                : Reason.PROTOCOL;
        return new LinkFailure(reason, error.code().wire() + ": " + error.message());
    }

    /** Classifies any failure, unwrapping the wrappers futures add. */
    static LinkFailure of(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof LinkFailure f) {
            return f;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return new LinkFailure(Reason.UNREACHABLE, String.valueOf(c.getMessage()), t);
            }
            if (c instanceof HttpTimeoutException) {
                return new LinkFailure(Reason.TIMEOUT, String.valueOf(c.getMessage()), t);
            }
        }
        Reason reason = t instanceof IOException ? Reason.CLOSED : Reason.PROTOCOL;
        return new LinkFailure(reason, t.getClass().getSimpleName() + ": " + t.getMessage(), t);
    }
}
