package dev.confab.client.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The server this app hosts, started off the FX thread (opening its stores takes about a second) and
 * stopped with the app.
 */
final class HostedServer implements AutoCloseable {
    private final Path dataDir;
    private volatile EmbeddedServer server;

    HostedServer(Path dataDir) {
        this.dataDir = dataDir;
    }

    boolean running() {
        return server != null;
    }

    /** Starts the server (once); completes with the address this app's client should use. */
    synchronized CompletableFuture<URI> start(boolean lan, int port) {
        if (server != null) {
            return CompletableFuture.completedFuture(server.localAddress());
        }
        return CompletableFuture.supplyAsync(() -> {
            synchronized (this) {
                if (server == null) {
                    try {
                        server = EmbeddedServer.start(dataDir, lan, port);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return server.localAddress();
            }
        });
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
