package dev.confab.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.Event;
import dev.confab.protocol.JacksonCodec;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.ServerFrame;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * A raw protocol client over a real Tyrus WebSocket, for server tests. Records every frame; requests wait for
 * the reply with the same id (bounded). Not thread safe except for the recording side.
 */
public final class WsTestClient implements AutoCloseable {
    private static final JacksonCodec CODEC = new JacksonCodec();

    private final Session session;
    private final BlockingQueue<ServerFrame> replies;
    private final List<Event> events;
    private final List<ServerFrame> pushes;
    private final AtomicReference<CloseReason> closed;
    private final AtomicInteger ids = new AtomicInteger();

    private WsTestClient(Session session, BlockingQueue<ServerFrame> replies, List<Event> events,
                         List<ServerFrame> pushes, AtomicReference<CloseReason> closed) {
        this.session = session;
        this.replies = replies;
        this.events = events;
        this.pushes = pushes;
        this.closed = closed;
    }

    /** Ephemeral frames (presence, typing) received so far. */
    public List<ServerFrame> pushes() {
        return List.copyOf(pushes);
    }

    /** Only the message events, in order. */
    public List<Event.MessageEvent> messageEvents() {
        return events.stream().filter(Event.MessageEvent.class::isInstance).map(Event.MessageEvent.class::cast)
                .toList();
    }

    public static WsTestClient connect(int port) {
        BlockingQueue<ServerFrame> replies = new LinkedBlockingQueue<>();
        List<Event> events = new CopyOnWriteArrayList<>();
        List<ServerFrame> pushes = new CopyOnWriteArrayList<>();
        AtomicReference<CloseReason> closed = new AtomicReference<>();
        Endpoint endpoint = new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig config) {
                s.setMaxTextMessageBufferSize(4 * 1024 * 1024);
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                    ServerFrame frame = CODEC.decodeServerFrame(text);
                    if (frame instanceof ServerFrame.Events e) {
                        events.addAll(e.events());
                    } else if (!(frame instanceof Reply)) {
                        pushes.add(frame);
                    } else {
                        replies.add(frame);
                    }
                });
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
                closed.set(reason);
            }
        };
        try {
            Session s = manager().connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                    URI.create("ws://127.0.0.1:" + port + "/ws"));
            return new WsTestClient(s, replies, events, pushes, closed);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to port " + port, e);
        }
    }

    public String nextId() {
        return "r" + ids.incrementAndGet();
    }

    /** Sends a frame as-is, without waiting. */
    public synchronized void sendRaw(String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void send(Request request) {
        sendRaw(CODEC.encode(request));
    }

    /** The next reply frame (any id), waiting up to 10 s. */
    public Reply nextReply() {
        try {
            ServerFrame frame = replies.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a reply within 10 s").isNotNull();
            return (Reply) frame;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request and returns its reply (replies to other ids are kept in order). */
    public Reply request(Request request) {
        send(request);
        List<ServerFrame> others = new ArrayList<>();
        try {
            while (true) {
                Reply reply = nextReply();
                if (request.id().equals(reply.id())) {
                    return reply;
                }
                others.add(reply);
            }
        } finally {
            others.forEach(replies::add);
        }
    }

    public <T extends Reply> T requestOk(Request request, Class<T> type) {
        Reply reply = request(request);
        assertThat(reply).as("reply to " + request).isInstanceOf(type);
        return type.cast(reply);
    }

    public void hello() {
        requestOk(new Request.Hello(nextId(), Limits.PROTOCOL_VERSION, "test"), Reply.HelloOk.class);
    }

    public Reply.RegisterOk register(String username, String password) {
        return requestOk(new Request.Register(nextId(), username, password, null), Reply.RegisterOk.class);
    }

    public Reply.LoginOk login(String username, String password, String device) {
        return requestOk(new Request.Login(nextId(), username, password, device), Reply.LoginOk.class);
    }

    public Reply.AuthOk auth(String token) {
        return requestOk(new Request.Auth(nextId(), token), Reply.AuthOk.class);
    }

    public Reply.SubscribeOk subscribe(long after) {
        return requestOk(new Request.Subscribe(nextId(), after), Reply.SubscribeOk.class);
    }

    public Reply.SendOk sendTo(String to, String clientMsgId, String body) {
        return requestOk(new Request.Send(nextId(), to, null, clientMsgId, body), Reply.SendOk.class);
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<String> eventBodies() {
        return messageEvents().stream().map(e -> e.message().body()).toList();
    }

    public CloseReason closeReason() {
        return closed.get();
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /**
     * A manager per connection, on the one shared Grizzly transport. A Tyrus {@code ClientManager} shuts its
     * executors down whenever its count of live connections reaches zero; with one manager for every test, the last
     * client of one test closing could shut them down under the handshake of the next test's first connect, which
     * then failed after 30 s with "Handshake response not received" (a RejectedExecutionException in Tyrus'
     * handshake filter; seen once in a full server test run here). With its own manager, a connection's executors
     * go only when it closes.
     */
    private static ClientManager manager() {
        ClientManager manager = ClientManager.createClient();
        manager.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        // The shared transport shuts itself down after being idle (default 30 s) and a connect racing that
        // shutdown fails with "Handshake response not received": keep it alive for the whole test run.
        manager.getProperties().put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, 24 * 3600);
        return manager;
    }
}
