package dev.confab.client.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a server port that injects faults: cut every connection, go silent
 * without closing (half-open: nothing forwarded either way, nothing closed, for good), and refuse WebSocket
 * upgrades with 403 while passing plain HTTP. Answers 502 while the server is down, as a reverse proxy would.
 * One thread per direction per connection. Thread safe.
 */
public final class FaultProxy implements AutoCloseable {
    private static final int MAX_HEAD = 16 * 1024;

    private final ServerSocket listener;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Set<Pipe> pipes = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refusedUpgrades = new AtomicInteger();
    private volatile boolean silent;
    private volatile boolean blockWebSockets;
    private volatile boolean closed;

    private FaultProxy(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    public static FaultProxy start(int targetPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        FaultProxy proxy = new FaultProxy(socket, targetPort);
        proxy.threads.execute(proxy::acceptLoop);
        return proxy;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Closes every open connection, both sides; new connections work as before. */
    public void cutAll() {
        pipes.forEach(p -> {
            p.dead = false;
            p.close();
        });
    }

    /**
     * Half-open: every current connection stops forwarding both ways and is never closed, and new
     * connections are accepted but go nowhere, until {@link #restore()}. Silenced connections stay dead.
     */
    public void goSilent() {
        silent = true;
        pipes.forEach(p -> p.dead = true);
    }

    /** New connections are forwarded again; connections silenced earlier stay dead. */
    public void restore() {
        silent = false;
    }

    /** Answers {@code 403} to every request with {@code Upgrade: websocket}; plain HTTP still passes. */
    public void blockWebSockets(boolean block) {
        blockWebSockets = block;
    }

    public int refusedUpgrades() {
        return refusedUpgrades.get();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        pipes.forEach(p -> {
            p.dead = false;
            p.close();
        });
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        Pipe pipe = new Pipe(client);
        pipes.add(pipe);
        try {
            if (silent) {
                pipe.dead = true;
                drain(client.getInputStream(), null, pipe);
                return;
            }
            byte[] head = readHead(client.getInputStream());
            if (blockWebSockets && isUpgrade(head)) {
                refusedUpgrades.incrementAndGet();
                client.getOutputStream().write(("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                pipe.close();
                return;
            }
            Socket upstream;
            try {
                upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            } catch (IOException e) {
                // What a real reverse proxy does when the server is down.
                client.getOutputStream().write(("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                pipe.close();
                return;
            }
            pipe.upstream = upstream;
            upstream.getOutputStream().write(head);
            threads.execute(() -> drain(upstream, client, pipe));
            drain(client.getInputStream(), upstream.getOutputStream(), pipe);
        } catch (IOException e) {
            pipe.close();
        }
    }

    private void drain(Socket from, Socket to, Pipe pipe) {
        try {
            drain(from.getInputStream(), to.getOutputStream(), pipe);
        } catch (IOException e) {
            pipe.close();
        }
    }

    /** Copies until EOF; a dead pipe swallows everything and never closes the client's side. */
    private static void drain(InputStream in, OutputStream out, Pipe pipe) {
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (!pipe.dead && out != null) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // closed by the other direction or by cutAll
        }
        pipe.close();
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (head.size() < MAX_HEAD) {
            int b = in.read();
            if (b == -1) {
                break;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                break;
            }
        }
        return head.toByteArray();
    }

    private static boolean isUpgrade(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return text.contains("\nupgrade: websocket") || text.contains("\nupgrade:websocket");
    }

    /** One proxied connection. */
    private final class Pipe {
        final Socket client;
        volatile Socket upstream;
        volatile boolean dead;

        Pipe(Socket client) {
            this.client = client;
        }

        /** Closes both sides, except that a dead (silenced) pipe keeps the client's side open: half-open. */
        void close() {
            closeQuietly(upstream);
            if (!dead) {
                closeQuietly(client);
                pipes.remove(this);
            }
        }

        private void closeQuietly(Socket socket) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }
    }
}
