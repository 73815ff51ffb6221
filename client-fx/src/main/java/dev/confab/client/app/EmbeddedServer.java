package dev.confab.client.app;

import dev.confab.server.ConfabServer;
import dev.confab.server.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;

/**
 * "Host a server on this computer": the Confab server inside the app's process, its data under the app's
 * data directory. The only class of the client that knows the server (ArchitectureTest); it stops with the
 * app.
 */
final class EmbeddedServer implements AutoCloseable {
    static final int PREFERRED_PORT = ServerConfig.DEFAULT_PORT;

    private final ConfabServer server;

    private EmbeddedServer(ConfabServer server) {
        this.server = server;
    }

    /**
     * Starts the server on port 8080 (or {@code port} if positive and free), else on any free port.
     *
     * @param lan listen on every interface (other computers may join) rather than on loopback only
     */
    static EmbeddedServer start(Path dataDir, boolean lan, int port) throws IOException {
        String bind = lan ? "0.0.0.0" : "127.0.0.1";
        int wanted = port > 0 ? port : PREFERRED_PORT;
        ServerConfig config = ServerConfig.defaults(dataDir).withBind(bind).withPort(free(bind, wanted) ? wanted : 0);
        return new EmbeddedServer(ConfabServer.start(config));
    }

    /** The address this app's client uses: always loopback, whatever the server binds. */
    URI localAddress() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    int port() {
        return server.port();
    }

    /** Whether the server classes are on the class path (checked by --self-check). */
    static boolean available() {
        return ConfabServer.class.getName() != null;
    }

    private static boolean free(String bind, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bind, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
