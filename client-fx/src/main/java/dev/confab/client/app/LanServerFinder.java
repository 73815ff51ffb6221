package dev.confab.client.app;

import dev.confab.client.lan.LanDiscovery;
import dev.confab.client.lan.LanServer;
import dev.confab.client.ui.setup.ServerFinder;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Fills the server picker with Confab servers announced on the LAN (mDNS), live. List changes run on {@code fx}. */
final class LanServerFinder implements ServerFinder {
    private final ObservableList<FoundServer> servers = FXCollections.observableArrayList();
    private final ObservableList<FoundServer> readOnly = FXCollections.unmodifiableObservableList(servers);
    private final BiFunction<LanDiscovery.Listener, Executor, LanDiscovery> discover;
    private final Executor fx;
    private LanDiscovery discovery;

    LanServerFinder(BiFunction<LanDiscovery.Listener, Executor, LanDiscovery> discover, Executor fx) {
        this.discover = discover;
        this.fx = fx;
    }

    /** Browses every LAN interface. */
    static LanServerFinder onLan(Executor fx) {
        return new LanServerFinder(LanDiscovery::onLan, fx);
    }

    @Override
    public ObservableList<FoundServer> servers() {
        return readOnly;
    }

    @Override
    public synchronized void start() {
        if (discovery != null) {
            return;
        }
        discovery = discover.apply(new LanDiscovery.Listener() {
            @Override
            public void added(LanServer s) {
                FoundServer found = new FoundServer(s.name(), s.address());
                if (!servers.contains(found)) {
                    servers.add(found);
                }
            }

            @Override
            public void removed(LanServer s) {
                servers.remove(new FoundServer(s.name(), s.address()));
            }
        }, fx);
    }

    @Override
    public synchronized void close() {
        if (discovery != null) {
            discovery.close();
            discovery = null;
        }
    }
}
