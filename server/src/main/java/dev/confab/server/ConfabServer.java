package dev.confab.server;

import dev.confab.protocol.Codec;
import dev.confab.protocol.JacksonCodec;
import dev.confab.protocol.Limits;
import dev.confab.server.chat.Accounts;
import dev.confab.server.chat.ChatService;
import dev.confab.server.chat.Connections;
import dev.confab.server.chat.Directory;
import dev.confab.server.chat.Dispatcher;
import dev.confab.server.chat.EventHub;
import dev.confab.server.chat.GroupService;
import dev.confab.server.chat.LastSeen;
import dev.confab.server.chat.LoginThrottle;
import dev.confab.server.chat.Memberships;
import dev.confab.server.chat.MessageWriter;
import dev.confab.server.chat.PeopleService;
import dev.confab.server.chat.Presence;
import dev.confab.server.chat.PresenceWiring;
import dev.confab.server.chat.ReceiptService;
import dev.confab.server.chat.Services;
import dev.confab.server.chat.TypingService;
import dev.confab.server.lan.LanAdvertiser;
import dev.confab.server.lan.ServerTls;
import dev.confab.server.ops.AdminEndpoint;
import dev.confab.server.ops.Backups;
import dev.confab.server.ops.StoreSnapshots;
import dev.confab.server.security.Argon2PasswordHasher;
import dev.confab.server.store.AccountStore;
import dev.confab.server.store.HistoryStore;
import dev.confab.server.store.h2.H2AccountStore;
import dev.confab.server.store.rocksdb.RecoveringHistoryStore;
import dev.confab.server.transport.ConnectionCap;
import dev.confab.server.transport.http.ApiHandler;
import dev.confab.server.transport.http.HealthHandler;
import dev.confab.server.transport.ws.ConfabWebSocketAddOn;
import dev.confab.server.transport.ws.ConfabWebSocketContainer;
import dev.confab.server.transport.ws.WsEndpoint;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the stores, wires the domain and both transports onto one Grizzly listener,
 * and closes everything in reverse order. {@link #close()} is idempotent.
 */
public final class ConfabServer implements AutoCloseable {
    /** A long-poll device counts as online this long after its last poll began (the longest wait plus margin). */
    static final Duration LONG_POLL_PRESENCE = Duration.ofSeconds(40);
    /** Failed sign-ins allowed per minute, per account and per remote address. */
    static final int LOGIN_FAILURES_PER_ACCOUNT = 5;
    static final int LOGIN_FAILURES_PER_ADDRESS = 30;
    /** Signed-in WebSockets one account may hold at once (all its devices together). */
    static final int MAX_CONNECTIONS_PER_ACCOUNT = 32;
    private final ServerConfig config;
    private final AccountStore accountStore;
    private final HistoryStore historyStore;
    private final ExecutorService appExecutor;
    private final ScheduledExecutorService timers;
    private final MessageWriter writer;
    private final HttpServer http;
    private final NetworkListener listener;
    private final ConnectionCap connectionCap;
    private final WsEndpoint wsEndpoint;
    private final Presence presence;
    private final LastSeen lastSeen;
    private final StoreSnapshots snapshots;
    private final ServerTls tls;
    private volatile AdminEndpoint admin;
    private volatile LanAdvertiser advertiser;
    private volatile boolean ready;
    private long sweeps;
    private boolean closed;

    private ConfabServer(ServerConfig config) throws IOException {
        this.config = config;
        Files.createDirectories(config.dataDir());
        restrictToOwner(config.dataDir());
        Clock clock = Clock.systemUTC();
        Codec codec = new JacksonCodec();
        this.connectionCap = new ConnectionCap(config.connectionCap());
        LoggerFactory.getLogger(ConfabServer.class).info("at most {} open connections (--max-connections)",
                connectionCap.max());
        // Before the stores open, so a bad certificate or key fails the start without leaving them open.
        this.tls = config.tls().enabled()
                ? ServerTls.load(config.tls(), config.dataDir(), config.serverName(), clock) : null;
        H2AccountStore h2Store = H2AccountStore.open(config.dataDir().resolve("h2"));
        RecoveringHistoryStore rocksStore = RecoveringHistoryStore.open(config.dataDir().resolve("rocksdb"));
        this.accountStore = h2Store;
        this.historyStore = rocksStore;
        this.snapshots = new StoreSnapshots(rocksStore::checkpoint, h2Store::backupTo);
        this.appExecutor = Executors.newFixedThreadPool(config.workerThreads(), named("confab-app"));
        this.timers = Executors.newSingleThreadScheduledExecutor(named("confab-timer"));
        EventHub hub = new EventHub();
        Accounts accounts = new Accounts(accountStore, new Argon2PasswordHasher(config.argon2MemoryKib(), 2), clock,
                new LoginThrottle(clock, Duration.ofMinutes(1), LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS));
        Memberships memberships = new Memberships(accountStore);
        this.writer = new MessageWriter(historyStore, memberships, hub, clock);
        Connections connections = new Connections();
        this.presence = new Presence(clock, LONG_POLL_PRESENCE);
        Directory directory = new Directory(accounts, memberships, historyStore, presence);
        ChatService chat = new ChatService(accountStore, historyStore, accounts, memberships, writer, hub,
                appExecutor);
        Services services = new Services(accounts, chat,
                new GroupService(accounts, memberships, directory, writer, config.maxGroupMembers()),
                new PeopleService(accounts, accountStore, directory, writer, connections, presence),
                new ReceiptService(chat, directory, historyStore, accounts, writer, ServerConfig.RECEIPT_FANOUT_LIMIT),
                new TypingService(chat, directory, connections, clock),
                presence, memberships, connections);
        this.lastSeen = new LastSeen(accountStore);
        PresenceWiring.wire(services, directory, lastSeen, appExecutor, clock);
        Dispatcher dispatcher = new Dispatcher(services, appExecutor, clock, config.serverName(),
                MAX_CONNECTIONS_PER_ACCOUNT);

        this.http = new HttpServer();
        this.listener = new NetworkListener("confab", config.bind(), config.port());
        // Closes connections with no traffic at all: slowloris requests that never finish their headers, idle
        // keep-alive HTTP connections. WebSocket traffic (pings) resets it, and a long-poll waits at most 30 s.
        listener.getKeepAlive().setIdleTimeoutInSeconds(idleTimeoutSeconds(config));
        ConfabWebSocketContainer container = new ConfabWebSocketContainer();
        this.wsEndpoint = new WsEndpoint(dispatcher, connections, codec, appExecutor, clock, config.heartbeatTimeout(),
                config.requestsPerSecond());
        try {
            container.register(wsEndpoint.config("/ws"));
        } catch (DeploymentException e) {
            throw new IOException("cannot deploy the WebSocket endpoint", e);
        }
        listener.registerAddOn(connectionCap.addOn());
        listener.registerAddOn(new ConfabWebSocketAddOn(container));
        http.addListener(listener);
        if (tls != null) {
            tls.secure(http, listener, List.of(connectionCap.addOn(), new ConfabWebSocketAddOn(container)),
                    config.tls().plainLocalPort());
        }
        http.getServerConfiguration().addHttpHandler(
                new ApiHandler(dispatcher, accounts, chat, presence, codec, appExecutor, timers), "/api/v1/");
        http.getServerConfiguration().addHttpHandler(new HealthHandler(() -> ready), "/health");
    }

    /** Opens the stores and starts listening; the server is ready when this returns. */
    public static ConfabServer start(ServerConfig config) throws IOException {
        ConfabServer server = new ConfabServer(config);
        try {
            server.http.start();
            Backups backups = new Backups(server.snapshots, config.dataDir(), Clock.systemUTC(), Main.version());
            server.admin = AdminEndpoint.start(config.dataDir(), backups, Clock.systemUTC());
            if (config.discovery()) {
                server.advertiser = LanAdvertiser.start(new LanAdvertiser.Advertisement(config.serverName(),
                        server.port(), server.tls == null ? null : server.tls.fingerprint(), Limits.PROTOCOL_VERSION,
                        Main.version()), LanAdvertiser.addressesFor(config.bind()));
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        long sweep = Math.max(100, Math.min(1000, config.heartbeatTimeout().toMillis() / 4));
        server.timers.scheduleWithFixedDelay(() -> {
            try {
                server.wsEndpoint.closeSilent();
                server.presence.sweep();
                server.sweeps++;
                if (server.sweeps % 5 == 0) {
                    server.appExecutor.execute(server.lastSeen::flush);
                }
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(ConfabServer.class).warn("heartbeat sweep failed", e);
            }
        }, sweep, sweep, TimeUnit.MILLISECONDS);
        server.ready = true;
        return server;
    }

    public int port() {
        return listener.getPort();
    }

    /** The cap on open TCP connections, with how many are open and how many it refused. */
    public ConnectionCap connectionCap() {
        return connectionCap;
    }

    /** Open WebSocket connections, signed in or not. */
    public int openWebSockets() {
        return wsEndpoint.openConnections();
    }

    public ServerConfig config() {
        return config;
    }

    /** The TLS identity when the port serves TLS ({@code --tls}); empty for plain ws:// and http://. */
    public Optional<ServerTls> tls() {
        return Optional.ofNullable(tls);
    }

    /** The LAN advertisement, when discovery is on. */
    public Optional<LanAdvertiser> advertiser() {
        return Optional.ofNullable(advertiser);
    }

    /** Stops listening, lets queued sends finish durably, then closes the stores. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ready = false;
        if (advertiser != null) {
            advertiser.close();
        }
        if (admin != null) {
            admin.close();
        }
        http.shutdownNow();
        writer.close();
        try {
            lastSeen.flush();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(ConfabServer.class).warn("last-seen flush failed", e);
        }
        appExecutor.shutdown();
        timers.shutdownNow();
        try {
            appExecutor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        historyStore.close();
        accountStore.close();
    }

    /** Longer than the WebSocket heartbeat deadline and the longest long-poll wait, so only dead peers hit it. */
    static int idleTimeoutSeconds(ServerConfig config) {
        return (int) Math.max(35, config.heartbeatTimeout().toSeconds() + 15);
    }

    /** The data directory holds password hashes and every message: only the server's user may read it. */
    private static void restrictToOwner(java.nio.file.Path dir) {
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | IOException e) {
            LoggerFactory.getLogger(ConfabServer.class).warn("cannot restrict permissions of {}: {}", dir, e.toString());
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
