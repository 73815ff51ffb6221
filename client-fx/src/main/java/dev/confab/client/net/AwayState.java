package dev.confab.client.net;

import dev.confab.protocol.Request;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers whether the user is away and tells every new link, because the server forgets a device's away
 * flag with its connection. Thread safe: the flag is set on the caller's thread, links come up on the loop.
 */
final class AwayState implements LinkUser {
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean away;

    void set(boolean value) {
        away = value;
    }

    /** A request that sets this device's presence to the remembered flag. */
    Request.SetPresence request() {
        return new Request.SetPresence("a" + ids.incrementAndGet(), away ? "away" : "online");
    }

    @Override
    public void linkUp(Link link) {
        if (away) {
            link.request(request());
        }
    }

    @Override
    public void linkDown() {
    }
}
