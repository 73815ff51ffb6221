package dev.confab.bench;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.ThreadPoolConfig;

/**
 * One Tyrus client runtime shared by every bench connection in this process, plus the threads that open
 * connections and run timers. Tyrus' {@code connectToServer} blocks its thread until the handshake is done
 * or fails (up to the handshake timeout), so a fixed number of connect threads is also a cap on handshakes in
 * flight, and one hung handshake delays every connect queued behind it; {@code connectThreads = 0} gives every
 * connect its own thread instead (threads are reused once idle), as independent clients would have. Thread safe.
 */
final class WsTransport implements AutoCloseable {
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;

    final URI uri;
    final ScheduledExecutorService timers;
    private final ClientManager manager;
    private final ExecutorService connectors;
    private volatile ConnectObserver observer;
    /** Whether this process has settled how Tyrus reads (switched, or failed to and kept the default). */
    private static volatile boolean readsDecided;
    private final boolean selectorReads;

    /** Told the timing of every connect; called on a connector thread, must not block. */
    interface ConnectObserver {
        void connectEnded(long requestedNanos, long startedNanos, long endedNanos, boolean opened);
    }

    /** {@code connectThreads}: handshakes at once, or 0 for as many as are asked for; 4 Tyrus worker threads. */
    WsTransport(int port, int connectThreads) {
        this(port, connectThreads, 4);
    }

    /**
     * {@code workerThreads}: Tyrus' client workers, which read every frame and handshake response of every
     * connection of this process (and run the listeners). Tyrus keeps one shared container per process, so the
     * first transport to connect sets this for all.
     */
    WsTransport(int port, int connectThreads, int workerThreads) {
        this(port, connectThreads, workerThreads, true);
    }

    /**
     * {@code selectorReads}: read frames on Tyrus' selector threads (see {@link #readOnSelectorThreads}); false keeps
     * Tyrus' worker hand-off. The first transport of the process to connect decides for all (one shared container).
     */
    WsTransport(int port, int connectThreads, int workerThreads, boolean selectorReads) {
        this.selectorReads = selectorReads;
        this.uri = URI.create("ws://127.0.0.1:" + port + "/ws");
        this.manager = ClientManager.createClient();
        manager.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        // Without this the shared container stops after 30 s idle and later connects fail with
        // "Handshake response not received".
        manager.getProperties().put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, 24 * 3600);
        manager.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, HANDSHAKE_TIMEOUT_MS);
        manager.getProperties().put(ClientProperties.WORKER_THREAD_POOL_CONFIG,
                ThreadPoolConfig.defaultConfig().setCorePoolSize(workerThreads).setMaxPoolSize(workerThreads));
        this.connectors = connectThreads > 0 ? Executors.newFixedThreadPool(connectThreads, daemon("bench-connect"))
                : Executors.newCachedThreadPool(daemon("bench-connect"));
        this.timers = Executors.newScheduledThreadPool(2, daemon("bench-timer"));
    }

    void observe(ConnectObserver o) {
        observer = o;
    }

    /** Opens a WebSocket to the server; completes when the handshake is done (or failed). */
    CompletableFuture<Session> connect(Endpoint endpoint) {
        long requested = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            try {
                Session s = manager.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), uri);
                if (selectorReads) {
                    readOnSelectorThreads();
                }
                ended(requested, started, true);
                return s;
            } catch (Exception e) {
                ended(requested, started, false);
                throw new IllegalStateException("connect failed: " + e.getMessage(), e);
            }
        }, connectors);
    }

    /**
     * Makes Tyrus' shared Grizzly transport read and run listeners on its selector threads instead of handing every
     * read to a worker thread. Tyrus offers no setting for this, so it is done once, by reflection, after the first
     * connect has created the transport. Every bench listener is non-blocking, which is what this strategy needs.
     * In the 1,000-member fan-out, the hand-off cost the generator ~1.4 µs in epoll_ctl plus a thread wake-up per
     * frame (async-profiler), CPU that the server under test shares on this machine. Not for {@code reconnect}: there
     * 10,000 handshakes at once on two selector threads made the storm slower (10.4-11.5 s instead of 8.0-9.8 s), and
     * independent desktop clients would not share threads anyway. Off everywhere with
     * {@code -Dconfab.bench.workerReads=true}.
     */
    private static void readOnSelectorThreads() {
        if (readsDecided || Boolean.getBoolean("confab.bench.workerReads")) {
            return;
        }
        synchronized (WsTransport.class) {
            if (readsDecided) {
                return;
            }
            try {
                java.lang.reflect.Field f = org.glassfish.tyrus.container.grizzly.client.GrizzlyClientSocket.class
                        .getDeclaredField("transport");
                f.setAccessible(true);
                Object transport = f.get(null);
                if (transport instanceof org.glassfish.grizzly.Transport t) {
                    // Safe while switching: a read already handed to a worker finishes under the old strategy.
                    t.setIOStrategy(org.glassfish.grizzly.strategies.SameThreadIOStrategy.getInstance());
                    readsDecided = true;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                readsDecided = true; // keep Tyrus' default; say so once
                System.err.println("[bench] could not switch Tyrus to selector-thread reads: " + e);
            }
        }
    }

    private void ended(long requested, long started, boolean opened) {
        ConnectObserver o = observer;
        if (o != null) {
            o.connectEnded(requested, started, System.nanoTime(), opened);
        }
    }

    @Override
    public void close() {
        connectors.shutdownNow();
        timers.shutdownNow();
        try {
            connectors.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
