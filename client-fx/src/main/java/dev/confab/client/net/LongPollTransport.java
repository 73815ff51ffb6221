package dev.confab.client.net;

import java.util.concurrent.CompletableFuture;

/** Opens {@link LongPollLink}s over the server's HTTP API. Thread safe. */
final class LongPollTransport implements Transport {
    private final HttpApi api;
    private final ClientConfig config;

    LongPollTransport(HttpApi api, ClientConfig config) {
        this.api = api;
        this.config = config;
    }

    @Override
    public TransportKind kind() {
        return TransportKind.LONG_POLL;
    }

    @Override
    public CompletableFuture<Link> open(String token, long after, Link.Listener listener) {
        return new LongPollLink(api, config, listener, token, after).open();
    }
}
