package dev.confab.client.ui.setup;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * First start: pick a server by address, from the ones found on the LAN, or host one on this computer.
 * The injected futures must complete on the FX thread.
 */
public final class ServerChoiceViewModel {
    private final Function<URI, CompletableFuture<Boolean>> probe;
    private final Function<Boolean, CompletableFuture<URI>> host;
    private final ServerFinder finder;
    private final Consumer<ServerChoice> chosen;
    private final StringProperty address = new SimpleStringProperty(this, "address", "");
    private final BooleanProperty lan = new SimpleBooleanProperty(this, "lan", true);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /**
     * @param probe whether a Confab server answers at the address
     * @param host starts a server in this app (argument: reachable from the LAN) and gives its address
     */
    public ServerChoiceViewModel(Function<URI, CompletableFuture<Boolean>> probe,
                                 Function<Boolean, CompletableFuture<URI>> host, ServerFinder finder,
                                 Consumer<ServerChoice> chosen) {
        this.probe = probe;
        this.host = host;
        this.finder = finder;
        this.chosen = chosen;
        finder.start();
    }

    public void connect() {
        Optional<URI> uri = ServerAddress.parse(address.get());
        if (uri.isEmpty()) {
            error.set("Type the server's address, like 192.168.1.20 or chat.local:8080.");
            return;
        }
        busy.set(true);
        error.set("");
        probe.apply(uri.get()).whenComplete((ok, failure) -> {
            busy.set(false);
            if (failure == null && Boolean.TRUE.equals(ok)) {
                finish(new ServerChoice(uri.get(), false, false));
            } else {
                error.set("No Confab server answers at " + uri.get().getAuthority() + ". Check the address and"
                        + " that the server is running.");
            }
        });
    }

    public void pick(ServerFinder.FoundServer server) {
        address.set(server.address().toString());
        connect();
    }

    public void hostHere() {
        busy.set(true);
        error.set("");
        boolean reachable = lan.get();
        host.apply(reachable).whenComplete((uri, failure) -> {
            busy.set(false);
            if (failure == null) {
                finish(new ServerChoice(uri, true, reachable));
            } else {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                error.set("Could not start a server here: " + cause.getMessage());
            }
        });
    }

    private void finish(ServerChoice choice) {
        finder.close();
        chosen.accept(choice);
    }

    public ObservableList<ServerFinder.FoundServer> found() {
        return finder.servers();
    }

    public StringProperty addressProperty() {
        return address;
    }

    public BooleanProperty lanProperty() {
        return lan;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
