package dev.confab.client.ui.setup;

import java.net.URI;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Finds Confab servers on the local network (mDNS is planned) and keeps a live list of them, changed only on
 * the FX thread. The server choice screen shows the list and stops the finder when it closes.
 */
public interface ServerFinder extends AutoCloseable {

    /** A server someone announced on the LAN. */
    record FoundServer(String name, URI address) {
    }

    /** The servers seen so far; grows and shrinks while the finder runs. */
    ObservableList<FoundServer> servers();

    /** Starts looking; idempotent. */
    void start();

    /** Stops looking; idempotent. */
    @Override
    void close();

    /** A finder that finds nothing, until the LAN finder exists. */
    static ServerFinder none() {
        ObservableList<FoundServer> empty = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList());
        return new ServerFinder() {
            @Override
            public ObservableList<FoundServer> servers() {
                return empty;
            }

            @Override
            public void start() {
            }

            @Override
            public void close() {
            }
        };
    }
}
