package dev.confab.server.chat;

import dev.confab.protocol.ServerFrame;
import dev.confab.server.store.AccountStore;
import java.time.Clock;
import java.util.concurrent.Executor;

/** Connects live connections to presence, and presence changes to the people who should hear of them. */
public final class PresenceWiring {
    private PresenceWiring() {
    }

    public static void wire(Services services, Directory directory, LastSeen lastSeen, Executor executor,
                            Clock clock) {
        Presence presence = services.presence();
        // One change after another, so a quick offline-then-online never reaches clients in the wrong order.
        Executor inOrder = new SerialExecutor(executor);
        services.connections().listener((session, connected) -> {
            presence.webSocket(session, connected);
            lastSeen.seen(session.deviceId(), clock.millis());
        });
        presence.listener(change -> inOrder.execute(() -> {
            String username = services.accounts().user(change.userId()).map(AccountStore.User::username).orElse(null);
            if (username != null) {
                services.connections().push(directory.audience(change.userId()),
                        new ServerFrame.Presence(username, change.status(), change.lastSeen()));
            }
        }));
    }
}
