package dev.confab.client.support;

import dev.confab.client.net.ChatClient;
import dev.confab.client.net.ChatListener;
import dev.confab.client.net.ClientConfig;
import dev.confab.client.net.ClientRuntime;
import dev.confab.client.net.ConnectionState;
import dev.confab.client.net.TransportKind;
import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One signed-in device of a user in a scenario: a real {@link ChatClient} on its own store directory,
 * optionally behind its own {@link FaultProxy}. Records every applied message (across client restarts) and
 * every send in order. Thread safe.
 */
public final class Device implements AutoCloseable {
    public static final String PASSWORD = "correct horse battery";

    private final String user;
    private final String name;
    private final Path storeDir;
    private final FaultProxy proxy;
    private final ClientConfig config;
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private volatile ChatClient client;
    private volatile ClientRuntime runtime;

    private Device(String user, String name, Path storeDir, FaultProxy proxy, ClientConfig config) {
        this.user = user;
        this.name = name;
        this.storeDir = storeDir;
        this.proxy = proxy;
        this.config = config;
    }

    /** A device of {@code user} talking to the server at {@code serverPort} through its own fault proxy. */
    public static Device create(String user, String name, Path storeDir, int serverPort,
                                UnaryOperator<ClientConfig> tune) throws IOException {
        FaultProxy proxy = FaultProxy.start(serverPort);
        ClientConfig config = tune.apply(fast(URI.create("http://127.0.0.1:" + proxy.port())).withDeviceName(name));
        return new Device(user, name, storeDir, proxy, config);
    }

    /** Short heartbeats, backoff and probe intervals, so scenarios finish in seconds. */
    public static ClientConfig fast(URI server) {
        return ClientConfig.defaults(server)
                .withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(300))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .withConnectTimeout(Duration.ofSeconds(1))
                .withFallback(Duration.ofSeconds(1), Duration.ofMillis(300), 2)
                .withWakeCheck(Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    /** Opens a client on this device's store; it connects at once if the store holds a session. */
    public Device open() {
        runtime = ClientRuntime.system(Runnable::run);
        ChatClient c = ChatClient.open(config, storeDir, runtime);
        c.addStateListener((previous, current) -> states.add(current));
        c.addChatListener(new ChatListener() {
            @Override
            public void onEvents(List<Event> events) {
                for (Event e : events) {
                    if (e instanceof Event.MessageEvent m) {
                        received.add(m.message());
                    }
                }
            }
        });
        client = c;
        return this;
    }

    public void register() throws Exception {
        client.register(user, PASSWORD, null).get(30, TimeUnit.SECONDS);
    }

    public void login() throws Exception {
        client.login(user, PASSWORD).get(30, TimeUnit.SECONDS);
    }

    public String send(String to, String body) {
        String id = client.send(to, body);
        sent.add(new Sent(user, to, id, body));
        return id;
    }

    /** Closes the client (not the proxy) and opens a new one on the same store, as an app restart does. */
    public void restart() {
        closeClient();
        open();
    }

    public void closeClient() {
        client.close();
        runtime.close();
    }

    public String user() {
        return user;
    }

    public Path storeDir() {
        return storeDir;
    }

    public String name() {
        return name;
    }

    public FaultProxy proxy() {
        return proxy;
    }

    public ChatClient client() {
        return client;
    }

    public ConnectionState state() {
        return client.state();
    }

    public boolean isOnline(TransportKind kind) {
        return client.state() instanceof ConnectionState.Online o && o.transport() == kind;
    }

    public List<Message> received() {
        return List.copyOf(received);
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Every state this device went through, in order. */
    public List<ConnectionState> states() {
        return List.copyOf(states);
    }

    @Override
    public void close() throws IOException {
        try {
            closeClient();
        } finally {
            proxy.close();
        }
    }

    public record Sent(String from, String to, String clientMsgId, String body) {
    }
}
