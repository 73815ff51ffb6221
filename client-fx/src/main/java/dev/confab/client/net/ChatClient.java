package dev.confab.client.net;

import dev.confab.client.store.LocalStore;
import dev.confab.client.store.OutboxEntry;
import dev.confab.client.store.StoredSession;
import dev.confab.protocol.Codec;
import dev.confab.protocol.JacksonCodec;
import dev.confab.protocol.Message;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the UI and the benchmark use: sign in, send, listen, read local history. Sends go to the persistent
 * outbox first and leave it when the server acknowledges them, across reconnects and restarts.
 * <p>Thread safe. Listeners run on the runtime's callback executor (see CONCURRENCY.md); futures returned
 * here complete there too.
 */
public final class ChatClient implements AutoCloseable {
    private final ClientConfig config;
    private final ClientRuntime runtime;
    private final LocalStore store;
    private final HttpApi api;
    private final Callbacks callbacks;
    private final ConnectionEngine engine;

    private ChatClient(ClientConfig config, ClientRuntime runtime, LocalStore store) {
        this.config = config;
        this.runtime = runtime;
        this.store = store;
        Codec codec = new JacksonCodec();
        this.api = new HttpApi(HttpApi.newClient(config, runtime.io()), config, codec);
        this.callbacks = new Callbacks(runtime.callbacks());
        this.engine = new ConnectionEngine(config, runtime, store, callbacks,
                new WebSocketTransport(config, codec, runtime), new LongPollTransport(api, config), api::healthy);
    }

    /** Opens the local store in {@code storeDirectory} (the client owns and closes it) and, if signed in, connects. */
    public static ChatClient open(ClientConfig config, Path storeDirectory, ClientRuntime runtime) {
        return open(config, LocalStore.open(storeDirectory), runtime);
    }

    /**
     * A client on the given store, which it now owns and closes (the benchmark passes
     * {@link LocalStore#inMemory()}); connects at once if the store holds a session. The runtime stays the
     * caller's.
     */
    public static ChatClient open(ClientConfig config, LocalStore store, ClientRuntime runtime) {
        ChatClient client = new ChatClient(config, runtime, store);
        store.session().ifPresent(client.engine::start);
        return client;
    }

    /**
     * Creates an account; fails with {@link ServerException} if the server refuses, or with an
     * {@link java.io.IOException} if it cannot be reached.
     */
    public CompletableFuture<Void> register(String username, String password, String displayName) {
        return unwrapNetwork(api.rpc(new Request.Register("register", username, password, displayName), null))
                .thenApply(reply -> expect(reply, Reply.RegisterOk.class))
                .thenApplyAsync(ok -> (Void) null, callbacks::run);
    }

    /** Signs in as a new device, keeps the token in the local store and starts connecting. */
    public CompletableFuture<Void> login(String username, String password) {
        return unwrapNetwork(api.rpc(new Request.Login("login", username, password, config.deviceName()), null))
                .thenApply(reply -> expect(reply, Reply.LoginOk.class))
                .thenApplyAsync(ok -> {
                    StoredSession session = new StoredSession(ok.username(), ok.token());
                    store.saveSession(session);
                    engine.start(session);
                    return (Void) null;
                }, engine.loop())
                .thenApplyAsync(v -> v, callbacks::run);
    }

    /**
     * Queues a message to {@code toUsername} and returns its clientMsgId. It is in the durable outbox when
     * this returns (a short local disk write), and is sent as soon as the client is online.
     */
    public String send(String toUsername, String body) {
        String clientMsgId = newClientMsgId();
        store.enqueue(new OutboxEntry(clientMsgId, toUsername, null, body, runtime.clock().millis()));
        engine.kick();
        return clientMsgId;
    }

    /** Queues a message into an existing conversation (a group, say); otherwise like {@link #send}. */
    public String sendToConversation(long conversationId, String body) {
        String clientMsgId = newClientMsgId();
        store.enqueue(new OutboxEntry(clientMsgId, null, conversationId, body, runtime.clock().millis()));
        engine.kick();
        return clientMsgId;
    }

    /** Locally stored messages of a conversation with {@code seq < beforeSeq}, oldest first (works offline). */
    public List<Message> history(long conversationId, long beforeSeq, int limit) {
        return store.history(conversationId, beforeSeq, limit);
    }

    /** Messages not yet acknowledged by the server, oldest first. */
    public List<OutboxEntry> outbox() {
        return store.outbox(Integer.MAX_VALUE);
    }

    public ConnectionState state() {
        return engine.state();
    }

    /** The user this client is (or was last) signed in as. */
    public Optional<String> username() {
        return Optional.ofNullable(store.username());
    }

    /** The seq of the last event applied to the local store. */
    public long cursor() {
        return store.cursor();
    }

    public void addChatListener(ChatListener listener) {
        callbacks.add(listener);
    }

    public void removeChatListener(ChatListener listener) {
        callbacks.remove(listener);
    }

    public void addStateListener(StateListener listener) {
        callbacks.add(listener);
    }

    public void removeStateListener(StateListener listener) {
        callbacks.remove(listener);
    }

    /** Reconnects now instead of waiting out the backoff (say, when the user clicks "Retry"). */
    public void retryNow() {
        engine.retryNow();
    }

    /** Disconnects and closes the local store; unacknowledged messages stay in the outbox for next time. */
    @Override
    public void close() {
        try {
            engine.stop().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            // the loop is gone (its scheduler was shut down): nothing more will touch the store
        }
        store.close();
    }

    private static <T extends Reply> T expect(Reply reply, Class<T> type) {
        if (type.isInstance(reply)) {
            return type.cast(reply);
        }
        if (reply instanceof Reply.Error error) {
            throw new CompletionException(new ServerException(error.code(), error.message()));
        }
        throw new CompletionException(new ServerException(null, "unexpected " + reply.getClass().getSimpleName()));
    }

    private static CompletableFuture<Reply> unwrapNetwork(CompletableFuture<Reply> call) {
        return call.exceptionally(failure -> {
            LinkFailure f = LinkFailure.of(failure);
            throw new CompletionException(new java.io.IOException(f.getMessage(), f));
        });
    }

    /** 22 URL-safe characters from a random UUID: unique per device without coordination. */
    static String newClientMsgId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
