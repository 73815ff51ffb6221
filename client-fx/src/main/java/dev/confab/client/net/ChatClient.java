package dev.confab.client.net;

import dev.confab.client.store.LocalStore;
import dev.confab.client.store.OutboxEntry;
import dev.confab.protocol.Info;
import dev.confab.protocol.JacksonCodec;
import dev.confab.protocol.Message;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * What the UI and the benchmark use: sign in, send, listen, read the local cache, and ask the server.
 * Sends go to the persistent outbox first and leave it when the server acknowledges them, across reconnects
 * and restarts. Requests ({@link #call} and the methods returning futures) are never queued: offline they fail
 * with {@link OfflineException}, refused they fail with {@link ServerException}. The {@code cached...},
 * {@code history} and {@code status} reads work offline (short local reads).
 * <p>Thread safe. Listeners run on the runtime's callback executor (see CONCURRENCY.md); futures returned
 * here complete there too.
 */
public final class ChatClient implements AutoCloseable {
    private final ClientRuntime runtime;
    private final LocalStore store;
    private final Callbacks callbacks;
    private final ConnectionEngine engine;
    private final ChatApi api;
    private final SignIn signIn;
    private final Liveness liveness;
    private final MessageStatuses statuses;

    private ChatClient(ClientConfig config, ClientRuntime runtime, LocalStore store, SSLContext tls) {
        this.runtime = runtime;
        this.store = store;
        JacksonCodec codec = new JacksonCodec();
        HttpApi http = new HttpApi(HttpApi.newClient(config, runtime.io(), tls), config, codec);
        this.callbacks = new Callbacks(runtime.callbacks());
        this.engine = new ConnectionEngine(config, runtime, store, callbacks,
                new WebSocketTransport(config, codec, runtime, tls), new LongPollTransport(http, config), http::healthy);
        this.api = new ChatApi(engine, callbacks);
        this.signIn = new SignIn(config, http, store, engine, callbacks);
        AwayState away = new AwayState();
        engine.addLinkUser(away);
        this.liveness = new Liveness(api, new TypingThrottle(runtime.nanoTime()), away);
        this.statuses = new MessageStatuses(store);
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
        return open(config, store, runtime, null);
    }

    /**
     * Like {@link #open(ClientConfig, LocalStore, ClientRuntime)}, with the TLS context for an {@code https://}
     * server (its WebSocket is then {@code wss://}); for a LAN server, the pinning one from
     * {@code CertificatePins.sslContext}. Null means the JDK's default trust store.
     */
    public static ChatClient open(ClientConfig config, LocalStore store, ClientRuntime runtime, SSLContext tls) {
        ChatClient client = new ChatClient(config, runtime, store, tls);
        store.session().ifPresent(client.engine::start);
        return client;
    }

    // ---- account ----

    /** Creates an account; fails with {@link ServerException} if refused, {@link java.io.IOException} if unreachable. */
    public CompletableFuture<Void> register(String username, String password, String displayName) {
        return signIn.register(username, password, displayName);
    }

    /** Signs in as a new device, keeps the token in the local store and starts connecting. */
    public CompletableFuture<Void> login(String username, String password) {
        return signIn.login(username, password);
    }

    /**
     * Signs this device out: at once locally (token forgotten, state {@link ConnectionState.SignedOut}), then on
     * the server (token revoked); fails if the server could not be told. Cached data stays for the same user.
     */
    public CompletableFuture<Void> logout() {
        liveness.reset();
        return signIn.logout();
    }

    /** The user this client is (or was last) signed in as. */
    public Optional<String> username() {
        return Optional.ofNullable(store.username());
    }

    public CompletableFuture<Info.User> setProfile(String displayName) {
        return api.request(id -> new Request.SetProfile(id, displayName), Reply.UserOk.class, Reply.UserOk::user);
    }

    public CompletableFuture<Map<String, String>> settings() {
        return api.request(Request.GetSettings::new, Reply.SettingsOk.class, Reply.SettingsOk::settings);
    }

    /** Merges {@code changes} into the user's settings (a null value removes the key); returns all of them. */
    public CompletableFuture<Map<String, String>> setSettings(Map<String, String> changes) {
        return api.request(id -> new Request.SetSettings(id, changes), Reply.SettingsOk.class,
                Reply.SettingsOk::settings);
    }

    public CompletableFuture<List<Info.Device>> devices() {
        return api.request(Request.Devices::new, Reply.DevicesOk.class, Reply.DevicesOk::devices);
    }

    /** Signs another of the user's devices out (use {@link #logout} for this one). */
    public CompletableFuture<Void> revokeDevice(long deviceId) {
        return api.request(id -> new Request.RevokeDevice(id, deviceId), Reply.Ok.class, ok -> null);
    }

    // ---- messages ----

    /**
     * Queues a message to {@code toUsername} and returns its clientMsgId. It is in the durable outbox when
     * this returns (a short local disk write), and is sent as soon as the client is online.
     */
    public String send(String toUsername, String body) {
        return enqueue(toUsername, null, body);
    }

    /** Queues a message into an existing conversation (a group, say); otherwise like {@link #send}. */
    public String sendToConversation(long conversationId, String body) {
        return enqueue(null, conversationId, body);
    }

    /** Puts a message the server refused back into the outbox with the same clientMsgId; false if not failed. */
    public boolean resend(String clientMsgId) {
        boolean queued = store.retryFailed(clientMsgId);
        engine.kick();
        return queued;
    }

    /** Messages not yet acknowledged by the server, oldest first. */
    public List<OutboxEntry> outbox() {
        return store.outbox(Integer.MAX_VALUE);
    }

    /** Messages the server refused for good (reported by {@link ChatListener#onSendFailed}), oldest first. */
    public List<OutboxEntry> failedSends() {
        return store.failedSends();
    }

    /** Locally stored messages of a conversation with {@code seq < beforeSeq}, oldest first (works offline). */
    public List<Message> history(long conversationId, long beforeSeq, int limit) {
        return store.history(conversationId, beforeSeq, limit);
    }

    /** The newest {@code limit} locally stored messages of a conversation, oldest first (works offline). */
    public List<Message> cachedMessages(long conversationId, int limit) {
        return store.history(conversationId, Long.MAX_VALUE, limit);
    }

    /**
     * Up to {@code limit} (1-100) messages with {@code seq < beforeSeq} from the server (older than this device,
     * or from before it joined a group), oldest first; they are stored locally too.
     */
    public CompletableFuture<List<Message>> fetchHistory(long conversationId, long beforeSeq, int limit) {
        Long before = beforeSeq == Long.MAX_VALUE ? null : beforeSeq;
        return api.requestThen(id -> new Request.History(id, conversationId, before, limit), Reply.HistoryOk.class,
                ok -> {
                    store.putMessages(ok.messages());
                    return ok.messages();
                });
    }

    /**
     * An own message's status; {@code seq} may be 0 before it is acknowledged. Re-ask after listener calls. In
     * groups above the server's receipt fan-out limit, others' markers arrive only through {@link #receipts}.
     */
    public MessageStatus status(long conversationId, long seq, String clientMsgId) {
        return statuses.of(conversationId, seq, clientMsgId);
    }

    /** Every member's delivery and read markers (from the server; also kept for {@link #status}). */
    public CompletableFuture<List<Info.Receipt>> receipts(long conversationId) {
        return api.requestThen(id -> new Request.Receipts(id, conversationId), Reply.ReceiptsOk.class, ok -> {
            store.mergeMarkers(conversationId, ok.receipts());
            return ok.receipts();
        });
    }

    /** Marks everything up to {@code seq} read, on every device of the user (unread counts follow). */
    public CompletableFuture<Void> markRead(long conversationId, long seq) {
        return api.request(id -> new Request.Mark(id, conversationId, null, seq), Reply.MarkOk.class, ok -> null);
    }

    // ---- conversations and groups ----

    /** The user's conversations from the server, newest activity first; the local cache is updated with them. */
    public CompletableFuture<List<Info.Conversation>> conversations() {
        long askedAt = store.cursor();
        return api.requestThen(Request.Conversations::new, Reply.ConversationsOk.class, ok -> {
            engine.mergeConversations(ok.conversations(), askedAt);
            return ok.conversations();
        });
    }

    /** Refreshes the cached conversation list from the server in the background (nothing if offline). */
    public void refreshConversations() {
        engine.refreshConversations();
    }

    /**
     * The cached conversation list with unread counts (the same on every device), works offline: new ones
     * without messages first, then by newest message. Groups this user left stay listed (see {@link #hasLeft}).
     */
    public List<Info.Conversation> cachedConversations() {
        return store.conversations();
    }

    /** True for a cached group this user was removed from or left: it gets no more messages. */
    public boolean hasLeft(long conversationId) {
        return store.hasLeft(conversationId);
    }

    /** Creates a group with this user as admin; {@code shareHistory}: later members can read earlier messages. */
    public CompletableFuture<Info.Conversation> createGroup(String name, List<String> members, boolean shareHistory) {
        return api.request(id -> new Request.CreateGroup(id, name, members, shareHistory), Reply.GroupOk.class,
                Reply.GroupOk::conversation);
    }

    public CompletableFuture<Info.Conversation> renameGroup(long conversationId, String name) {
        return api.request(id -> new Request.RenameGroup(id, conversationId, name), Reply.GroupOk.class,
                Reply.GroupOk::conversation);
    }

    /** Admins only. */
    public CompletableFuture<Info.Conversation> addMembers(long conversationId, List<String> usernames) {
        return api.request(id -> new Request.AddMembers(id, conversationId, usernames), Reply.GroupOk.class,
                Reply.GroupOk::conversation);
    }

    /** Admins only. */
    public CompletableFuture<Info.Conversation> removeMember(long conversationId, String username) {
        return api.request(id -> new Request.RemoveMember(id, conversationId, username), Reply.GroupOk.class,
                Reply.GroupOk::conversation);
    }

    public CompletableFuture<Void> leaveGroup(long conversationId) {
        return api.request(id -> new Request.LeaveGroup(id, conversationId), Reply.LeaveGroupOk.class, ok -> null);
    }

    // ---- people and presence ----

    public CompletableFuture<Info.User> findUser(String username) {
        return api.request(id -> new Request.FindUser(id, username), Reply.UserOk.class, Reply.UserOk::user);
    }

    /** The user's contacts with their presence (over long-poll, the way to learn presence). */
    public CompletableFuture<List<Info.User>> contacts() {
        return api.request(Request.Contacts::new, Reply.ContactsOk.class, Reply.ContactsOk::contacts);
    }

    public CompletableFuture<Info.User> addContact(String username) {
        return api.request(id -> new Request.AddContact(id, username), Reply.UserOk.class, Reply.UserOk::user);
    }

    public CompletableFuture<Void> removeContact(String username) {
        return api.request(id -> new Request.RemoveContact(id, username), Reply.Ok.class, ok -> null);
    }

    /**
     * Tells the others in a conversation that this user is typing; call on every keystroke, it sends at most one
     * notice per conversation every 3 s (each shows for 6 s) and nothing while offline.
     */
    public CompletableFuture<Void> typing(long conversationId) {
        return liveness.typing(conversationId);
    }

    /** Marks this device away (idle) or back; remembered across reconnects, so it also works offline. */
    public CompletableFuture<Void> setAway(boolean away) {
        return liveness.setAway(away);
    }

    /** Any request over the online link, built for a fresh request id; see the class comment for failures. */
    public CompletableFuture<Reply> call(Function<String, Request> build) {
        return api.call(build);
    }

    // ---- connection and listeners ----

    public ConnectionState state() {
        return engine.state();
    }

    /** The seq of the last event applied to the local store. */
    public long cursor() {
        return store.cursor();
    }

    /** Reconnects now instead of waiting out the backoff (say, when the user clicks "Retry"). */
    public void retryNow() {
        engine.retryNow();
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

    public void addEphemeralListener(EphemeralListener listener) {
        callbacks.add(listener);
    }

    public void removeEphemeralListener(EphemeralListener listener) {
        callbacks.remove(listener);
    }

    public void addConversationsListener(ConversationsListener listener) {
        callbacks.add(listener);
    }

    public void removeConversationsListener(ConversationsListener listener) {
        callbacks.remove(listener);
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

    private String enqueue(String to, Long conversationId, String body) {
        String clientMsgId = newClientMsgId();
        store.enqueue(new OutboxEntry(clientMsgId, to, conversationId, body, runtime.clock().millis()));
        engine.kick();
        return clientMsgId;
    }

    /** 22 URL-safe characters from a random UUID: unique per device without coordination. */
    static String newClientMsgId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
