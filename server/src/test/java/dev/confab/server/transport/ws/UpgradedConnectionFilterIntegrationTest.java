package dev.confab.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.server.lan.ServerTls;
import dev.confab.server.lan.TlsSettings;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A Grizzly listener wired like the server's (HTTP and WebSocket on one port), with an echo endpoint. */
@Timeout(60)
class UpgradedConnectionFilterIntegrationTest {
    private static final int IDLE_TIMEOUT_SECONDS = 2;

    @TempDir
    Path tlsDir;
    private final BlockingQueue<Connection<?>> accepted = new LinkedBlockingQueue<>();
    private final List<CloseReason> serverCloses = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Session> serverSessions = new LinkedBlockingQueue<>();
    private final ClientManager client = ClientManager.createClient();
    private HttpServer http;
    private ServerTls tls;

    @AfterEach
    void stop() {
        client.shutdown();
        if (http != null) {
            http.shutdownNow();
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void framesGoStraightToTyrusOnceUpgradedAndPlainHttpStillWorks(boolean secure) throws Exception {
        int port = start(secure);
        BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
        Session session = connect(port, secure, echoes, new CopyOnWriteArrayList<>());
        Connection<?> server = accepted.poll(5, TimeUnit.SECONDS);

        session.getBasicRemote().sendText("hello");
        assertThat(echoes.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
        String large = "x".repeat(300 * 1024); // many reads, and several TLS records
        session.getBasicRemote().sendText(large);
        assertThat(echoes.poll(10, TimeUnit.SECONDS)).isEqualTo(large);

        assertThat(UpgradedConnectionFilter.bypasses(server)).as("codec request state dropped").isTrue();
        assertThat(TyrusReadBuffer.active()).as("Tyrus read handler buffer field found").isTrue();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> TyrusReadBuffer.held(UpgradedConnectionFilter.reader(server)) == null);
        assertThat(get(port, secure).statusCode()).isEqualTo(200);
        assertThat(get(port, secure).body()).isEqualTo("plain");
        session.close();
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void textFramesWeFrameOurselvesArriveWholeAndInOrder(boolean secure) throws Exception {
        int port = start(secure);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        connect(port, secure, received, new CopyOnWriteArrayList<>());
        Session server = serverSessions.poll(5, TimeUnit.SECONDS);
        TextFrameSender frames = TextFrameSender.of(server);
        assertThat(frames).as("Tyrus' socket found, no extensions negotiated").isNotNull();

        // Every header length (7-bit, 16-bit, 64-bit) at its edges, and text that is not ASCII (2, 3, 4 UTF-8 bytes).
        List<String> texts = List.of("", "a", "x".repeat(125), "x".repeat(126), "x".repeat(0xFFFF),
                "x".repeat(0x10000), "grüße € 😀 ".repeat(5000), "y".repeat(300 * 1024));
        List<Throwable> outcomes = new CopyOnWriteArrayList<>();
        for (String text : texts) {
            frames.send(frame(text), failure -> outcomes.add(failure == null ? new Throwable("ok") : failure));
        }
        for (String text : texts) {
            String got = received.poll(10, TimeUnit.SECONDS);
            assertThat(got).as("frame of %d chars", text.length()).isEqualTo(text);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == texts.size());
        assertThat(outcomes).allSatisfy(o -> assertThat(o.getMessage()).isEqualTo("ok"));

        server.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.isOpen());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> frames.send(frame("late"), failure -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theFrameHeaderFollowsRfc6455() {
        assertThat(bytes(frame("hi"))).containsExactly(0x81, 2, 'h', 'i');
        assertThat(java.util.Arrays.copyOf(bytes(frame("z".repeat(300))), 4)).containsExactly(0x81, 126, 1, 44);
        byte[] big = bytes(frame("z".repeat(70_000)));
        assertThat(java.util.Arrays.copyOf(big, 10)).containsExactly(0x81, 127, 0, 0, 0, 0, 0, 1, 0x11, 0x70);
        assertThat(big).hasSize(10 + 70_000);
    }

    @Test
    void aFrameIsTheSameWhateverLengthItsBuilderWasToldInAdvance() {
        for (String text : List.of("hi", "é".repeat(200), "z".repeat(70_000))) {
            int length = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            byte[] expected = bytes(frame(text, -1));
            assertThat(bytes(frame(text, length))).as("exact").isEqualTo(expected);
            assertThat(bytes(frame(text, 1))).as("too short: grows").isEqualTo(expected);
        }
    }

    private static java.nio.ByteBuffer frame(String text) {
        return frame(text, -1);
    }

    private static java.nio.ByteBuffer frame(String text, int lengthHint) {
        TextFrameSender.FrameBuilder builder = new TextFrameSender.FrameBuilder(lengthHint);
        byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        builder.write(utf8, 0, Math.min(utf8.length, 3)); // in pieces, as an encoder writes
        builder.write(utf8, Math.min(utf8.length, 3), utf8.length - Math.min(utf8.length, 3));
        return builder.toFrame();
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    @Test
    void framesAboveTheHardLimitStillCloseTheConnection() throws Exception {
        int port = start(false);
        List<CloseReason> closes = new CopyOnWriteArrayList<>();
        BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
        Session session = connect(port, false, echoes, closes);

        session.getAsyncRemote().sendText("y".repeat(WsEndpoint.HARD_FRAME_LIMIT + 2048));

        await().atMost(Duration.ofSeconds(10)).until(() -> !closes.isEmpty() && !serverCloses.isEmpty());
        assertThat(closes.get(0).getCloseCode()).isEqualTo(CloseReason.CloseCodes.UNEXPECTED_CONDITION);
        assertThat(serverCloses.get(0).getCloseCode()).isEqualTo(CloseReason.CloseCodes.UNEXPECTED_CONDITION);
        assertThat(echoes).isEmpty();
    }

    @Test
    void closingFromEitherSideReachesTheOtherSide() throws Exception {
        int port = start(false);
        Session closedByClient = connect(port, false, new LinkedBlockingQueue<>(), new CopyOnWriteArrayList<>());
        serverSessions.poll(5, TimeUnit.SECONDS);
        closedByClient.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> serverCloses.size() == 1);

        List<CloseReason> clientCloses = new CopyOnWriteArrayList<>();
        connect(port, false, new LinkedBlockingQueue<>(), clientCloses);
        serverSessions.poll(5, TimeUnit.SECONDS).close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "bye"));
        await().atMost(Duration.ofSeconds(5)).until(() -> clientCloses.size() == 1);
        assertThat(clientCloses.get(0).getReasonPhrase()).isEqualTo("bye");
    }

    @Test
    void idleTimeoutClosesASilentWebSocketButNotATalkingOne() throws Exception {
        int port = start(false);
        List<CloseReason> silentCloses = new CopyOnWriteArrayList<>();
        List<CloseReason> talkingCloses = new CopyOnWriteArrayList<>();
        connect(port, false, new LinkedBlockingQueue<>(), silentCloses);
        Session talking = connect(port, false, new LinkedBlockingQueue<>(), talkingCloses);

        long until = System.nanoTime() + Duration.ofSeconds(3L * IDLE_TIMEOUT_SECONDS).toNanos();
        while (System.nanoTime() < until) {
            talking.getBasicRemote().sendText(Echo.UNANSWERED); // only the read can reset the idle timer
            await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(1)).until(() -> true);
        }

        assertThat(silentCloses).as("silent connection closed by the idle timeout").hasSize(1);
        assertThat(talkingCloses).isEmpty();
    }

    private int start(boolean secure) throws Exception {
        ConfabWebSocketContainer container = new ConfabWebSocketContainer();
        container.register(ServerEndpointConfig.Builder.create(Echo.class, "/ws")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> type) {
                        return type.cast(new Echo(serverCloses, serverSessions));
                    }
                }).build());
        http = new HttpServer();
        NetworkListener listener = new NetworkListener("test", "127.0.0.1", 0);
        listener.getKeepAlive().setIdleTimeoutInSeconds(IDLE_TIMEOUT_SECONDS);
        if (secure) {
            tls = ServerTls.load(TlsSettings.selfSigned(), tlsDir, "test", Clock.systemUTC());
            listener.setSecure(true);
            listener.setSSLEngineConfig(new SSLEngineConfigurator(tls.sslContext(), false, false, false));
        }
        listener.registerAddOn(new ConfabWebSocketAddOn(container));
        listener.registerAddOn((l, builder) -> builder.add(1, new BaseFilter() {
            @Override
            public NextAction handleAccept(FilterChainContext ctx) {
                accepted.add(ctx.getConnection());
                return ctx.getInvokeAction();
            }
        }));
        http.addListener(listener);
        http.getServerConfiguration().addHttpHandler(new HttpHandler() {
            @Override
            public void service(Request request, Response response) throws Exception {
                response.getWriter().write("plain");
            }
        }, "/plain");
        http.start();
        return listener.getPort();
    }

    private Session connect(int port, boolean secure, BlockingQueue<String> received, List<CloseReason> closes)
            throws Exception {
        if (secure) {
            client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR,
                    new SslEngineConfigurator(trusting(), true, false, false));
        }
        return client.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig config) {
                s.setMaxTextMessageBufferSize(1024 * 1024);
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
                closes.add(reason);
            }
        }, ClientEndpointConfig.Builder.create().build(),
                URI.create((secure ? "wss" : "ws") + "://127.0.0.1:" + port + "/ws"));
    }

    private HttpResponse<String> get(int port, boolean secure) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (secure) {
            builder.sslContext(trusting());
        }
        return builder.build().send(HttpRequest.newBuilder(
                URI.create((secure ? "https" : "http") + "://127.0.0.1:" + port + "/plain"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private javax.net.ssl.SSLContext trusting() throws Exception {
        java.security.KeyStore anchors = java.security.KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("server", tls.certificate());
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** Echoes text frames except {@link #UNANSWERED}; records sessions and closes. */
    public static final class Echo extends Endpoint {
        static final String UNANSWERED = "hush";
        private final List<CloseReason> closes;
        private final BlockingQueue<Session> sessions;

        Echo(List<CloseReason> closes, BlockingQueue<Session> sessions) {
            this.closes = closes;
            this.sessions = sessions;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxTextMessageBufferSize(WsEndpoint.HARD_FRAME_LIMIT);
            session.addMessageHandler(String.class,
                    (MessageHandler.Whole<String>) text -> {
                        if (!UNANSWERED.equals(text)) {
                            session.getAsyncRemote().sendText(text);
                        }
                    });
            sessions.add(session);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closes.add(reason);
        }
    }
}
