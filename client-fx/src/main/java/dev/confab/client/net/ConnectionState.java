package dev.confab.client.net;

import java.time.Instant;

/** Where the connection engine is; every change is reported to {@link StateListener}s. */
public sealed interface ConnectionState {

    /** Opening a link: connecting, authenticating and subscribing from the cursor. */
    record Connecting(TransportKind transport, int attempt) implements ConnectionState {
    }

    /** Authenticated and receiving live events over {@code transport}; the outbox is being flushed. */
    record Online(TransportKind transport) implements ConnectionState {
    }

    /**
     * The last attempt failed; the next starts at {@code nextAttemptAt} (wall clock) unless
     * {@code retryNow()} or a detected wake-up comes first.
     */
    record WaitingToReconnect(Instant nextAttemptAt, int failedAttempts, String lastError) implements ConnectionState {
    }

    /** The server rejected the token (revoked or unknown): the user must log in again. No more attempts. */
    record SignedOut(String reason) implements ConnectionState {
    }

    /** Not started, or closed by the application. */
    record Stopped() implements ConnectionState {
    }
}
