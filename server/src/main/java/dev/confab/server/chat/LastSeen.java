package dev.confab.server.chat;

import dev.confab.server.store.AccountStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Devices' last-seen times, kept in memory and written to the account store in one pass by {@link #flush()}
 * (every few seconds), instead of one synchronous database commit per connection. Losing the last few seconds
 * of last-seen in a crash is harmless. Thread safe.
 */
public final class LastSeen {
    private final AccountStore store;
    private final Map<Long, Long> pending = new ConcurrentHashMap<>();

    public LastSeen(AccountStore store) {
        this.store = store;
    }

    public void seen(long deviceId, long at) {
        pending.merge(deviceId, at, Math::max);
    }

    /** Writes what was recorded since the last flush. Call from one thread at a time. */
    public void flush() {
        for (Long device : pending.keySet()) {
            Long at = pending.remove(device);
            if (at != null) {
                store.touchDevice(device, at);
            }
        }
    }
}
