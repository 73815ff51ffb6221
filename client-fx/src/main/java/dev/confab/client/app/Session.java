package dev.confab.client.app;

import dev.confab.client.net.ChatClient;
import dev.confab.client.net.ClientConfig;
import dev.confab.client.net.ClientRuntime;
import dev.confab.client.store.LocalStore;
import dev.confab.client.ui.setup.Accounts;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The engine client of the chosen server and its gateway. Signing in under another device name reopens the
 * client with that name (the name travels in the engine's config). Used on the FX thread.
 */
final class Session implements Accounts, AutoCloseable {
    private final ClientRuntime runtime;
    private final Path storeDir;
    private ClientConfig config;
    private ChatClient client;
    private EngineGateway gateway;
    private boolean signedIn;

    Session(ClientRuntime runtime, URI server, Path storeDir, String deviceName) {
        this.runtime = runtime;
        this.storeDir = storeDir;
        this.config = ClientConfig.defaults(server).withDeviceName(deviceName);
        open();
    }

    private void open() {
        // Read the session before the client starts its engine, which reports its state asynchronously.
        LocalStore store = LocalStore.open(storeDir);
        signedIn = store.session().isPresent();
        client = ChatClient.open(config, store, runtime);
        gateway = new EngineGateway(client);
    }

    EngineGateway gateway() {
        return gateway;
    }

    URI server() {
        return config.server();
    }

    /** Whether the local store held a session when the client opened (it is connecting with it). */
    boolean signedIn() {
        return signedIn;
    }

    /** The server moved (a hosted server had to take another port): reconnect there, keeping the local data. */
    void moveTo(URI server) {
        if (!server.equals(config.server())) {
            close();
            config = new ClientConfig(server, config.deviceName(), config.pingInterval(), config.pongTimeout(),
                    config.backoffInitial(), config.backoffMax(), config.connectTimeout(), config.longPollWait(),
                    config.webSocketProbeInterval(), config.fallbackAfterFailures(), config.wakeCheckInterval(),
                    config.wakeJumpThreshold(), config.maxInFlight());
            open();
        }
    }

    void retryNow() {
        client.retryNow();
    }

    @Override
    public CompletableFuture<Void> register(String username, String password, String displayName) {
        return client.register(username, password, displayName);
    }

    @Override
    public CompletableFuture<Void> login(String username, String password, String deviceName) {
        if (!deviceName.equals(config.deviceName())) {
            close();
            config = config.withDeviceName(deviceName);
            open();
        }
        return client.login(username, password);
    }

    @Override
    public void close() {
        gateway.close();
        client.close();
    }
}
