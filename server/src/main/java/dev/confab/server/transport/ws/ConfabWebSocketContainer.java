package dev.confab.server.transport.ws;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.Set;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * A Tyrus container that only owns the WebSocket engine; the Grizzly {@code HttpServer} is ours, so the same
 * port can also serve plain HTTP handlers (see TOOLCHAIN.md).
 */
public final class ConfabWebSocketContainer extends TyrusServerContainer {
    /** A session idle timeout meaning "none" (jakarta.websocket: zero or negative). */
    private static final long NO_IDLE_TIMEOUT = -1;
    private final TyrusWebSocketEngine engine;

    public ConfabWebSocketContainer() {
        super(Set.<Class<?>>of());
        this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(WsEndpoint.HARD_FRAME_LIMIT + 1024).build();
        // Negative, not 0, from the session's construction on (WsEndpoint.onOpen sets it again): with 0, Tyrus 2.2
        // schedules a no-op idle task per frame, and the session keeps the last one. The heartbeat finds dead peers.
        setDefaultMaxSessionIdleTimeout(NO_IDLE_TIMEOUT);
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, "");
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        engine.register(config, "");
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }
}
