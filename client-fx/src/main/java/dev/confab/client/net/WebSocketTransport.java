package dev.confab.client.net;

import dev.confab.protocol.Codec;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;

/**
 * Opens {@link WebSocketLink}s with the Tyrus client on a shared container (one Grizzly runtime for all
 * connections). Tyrus's own reconnect handler is not used: the engine owns reconnecting. Thread safe.
 */
final class WebSocketTransport implements Transport {
    /**
     * How long Tyrus keeps the shared Grizzly transport after its last connection closed (its default: 30 s). A
     * connect that races that shutdown gets no handshake answer until our connect timeout, and the reconnect
     * backoff's cap is also 30 s. Kept for the app's life instead; not longer than 7 days, because Tyrus 2.2.2
     * multiplies the value by 1000 in {@code int} arithmetic (beyond ~24.8 days it overflows and closes at once).
     */
    static final int SHARED_TRANSPORT_IDLE_SECONDS = 7 * 24 * 3600;
    private final ClientConfig config;
    private final Codec codec;
    private final ClientRuntime runtime;
    private final SSLContext tls;

    /** {@code tls}: for wss:// servers, null for the JDK's default trust (see {@link ChatClient#open}). */
    WebSocketTransport(ClientConfig config, Codec codec, ClientRuntime runtime, SSLContext tls) {
        this.config = config;
        this.codec = codec;
        this.runtime = runtime;
        this.tls = tls;
    }

    @Override
    public TransportKind kind() {
        return TransportKind.WEBSOCKET;
    }

    @Override
    public CompletableFuture<Link> open(String token, long after, Link.Listener listener) {
        return new WebSocketLink(config, codec, runtime, listener, token, after).open(manager());
    }

    /**
     * A Tyrus manager for one link (the Grizzly runtime stays shared). A {@code ClientManager} shuts its executors
     * down whenever its count of live connections reaches zero; shared by all links, the old link's close could do
     * that under a reconnect's handshake, which then stalled until our connect timeout.
     */
    private ClientManager manager() {
        ClientManager client = ClientManager.createClient();
        client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        client.getProperties().put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, SHARED_TRANSPORT_IDLE_SECONDS);
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, (int) config.connectTimeout().toMillis());
        if (tls != null) {
            // Host names stay checked through endpoint identification, which the context's trust manager performs.
            client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR,
                    new SslEngineConfigurator(tls, true, false, false));
        }
        return client;
    }
}
