package dev.confab.client.net;

import dev.confab.protocol.Codec;
import java.util.concurrent.CompletableFuture;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * Opens {@link WebSocketLink}s with the Tyrus client on a shared container (one Grizzly runtime for all
 * connections). Tyrus's own reconnect handler is not used: the engine owns reconnecting. Thread safe.
 */
final class WebSocketTransport implements Transport {
    private final ClientManager client;
    private final ClientConfig config;
    private final Codec codec;
    private final ClientRuntime runtime;

    WebSocketTransport(ClientConfig config, Codec codec, ClientRuntime runtime) {
        this.config = config;
        this.codec = codec;
        this.runtime = runtime;
        this.client = ClientManager.createClient();
        client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, (int) config.connectTimeout().toMillis());
    }

    @Override
    public TransportKind kind() {
        return TransportKind.WEBSOCKET;
    }

    @Override
    public CompletableFuture<Link> open(String token, long after, Link.Listener listener) {
        return new WebSocketLink(config, codec, runtime, listener, token, after).open(client);
    }
}
