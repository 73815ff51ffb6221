package dev.confab.server.transport.ws;

import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.spi.ServerContainer;
import org.slf4j.LoggerFactory;

/**
 * Tyrus' {@link WebSocketAddOn} plus an {@link UpgradedConnectionFilter} just before the HTTP codec (after TLS when
 * the listener is secure), so upgraded connections stop carrying their HTTP upgrade request. Plain HTTP on the same
 * listener is unchanged. One instance per listener.
 */
public final class ConfabWebSocketAddOn implements AddOn {
    private final WebSocketAddOn tyrus;

    public ConfabWebSocketAddOn(ServerContainer container) {
        this.tyrus = new WebSocketAddOn(container, "");
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        tyrus.setup(listener, builder);
        int codec = builder.indexOfType(HttpServerFilter.class);
        if (codec < 0) {
            LoggerFactory.getLogger(ConfabWebSocketAddOn.class).warn(
                    "no HTTP codec on listener {}; WebSocket frames are not short-cut", listener.getName());
            return;
        }
        int idle = builder.indexOfType(IdleTimeoutFilter.class);
        builder.add(codec, new UpgradedConnectionFilter(idle < 0 ? null : (IdleTimeoutFilter) builder.get(idle)));
    }
}
