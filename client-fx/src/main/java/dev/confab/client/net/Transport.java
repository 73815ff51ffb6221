package dev.confab.client.net;

import java.util.concurrent.CompletableFuture;

/** Opens links of one kind. Thread safe. */
interface Transport {
    TransportKind kind();

    /**
     * Connects, authenticates with {@code token} and starts the event stream after {@code after}. The future
     * fails with a {@link LinkFailure}. Events may reach {@code listener} before the future completes;
     * {@link Link.Listener#onFailure} is called only after it completed successfully.
     */
    CompletableFuture<Link> open(String token, long after, Link.Listener listener);
}
