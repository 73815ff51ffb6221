package dev.confab.server.chat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Limits;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place requests are served, whatever transport they came by. Every request runs on the connection's
 * serial executor (never on a network thread) and ends in exactly one {@link Reply}: a result or an
 * {@link Reply.Error}; no exception escapes.
 */
public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Accounts accounts;
    private final ChatService chat;
    private final Connections connections;
    private final Executor replyExecutor;
    private final Clock clock;
    private final String serverName;

    public Dispatcher(Accounts accounts, ChatService chat, Connections connections, Executor replyExecutor,
                      Clock clock, String serverName) {
        this.accounts = accounts;
        this.chat = chat;
        this.connections = connections;
        this.replyExecutor = replyExecutor;
        this.clock = clock;
        this.serverName = serverName;
    }

    public CompletableFuture<Reply> dispatch(Request request, Connection connection) {
        return CompletableFuture.supplyAsync(() -> handle(request, connection), connection.serial())
                .thenCompose(reply -> reply)
                .exceptionally(failure -> error(request.id(), failure));
    }

    /** The error reply for a failure; unexpected failures are logged and reported as {@code internal}. */
    public static Reply.Error error(String id, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ProtocolException pe) {
            return new Reply.Error(id, pe.code(), pe.getMessage());
        }
        log.error("request {} failed", id, cause);
        return new Reply.Error(id, ErrorCode.INTERNAL, "internal server error");
    }

    private CompletableFuture<Reply> handle(Request request, Connection connection) {
        if (request instanceof Request.Hello hello) {
            if (hello.protocol() != Limits.PROTOCOL_VERSION) {
                throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
                        "protocol " + hello.protocol() + " is not supported; this server speaks "
                                + Limits.PROTOCOL_VERSION);
            }
            connection.helloDone(true);
            return done(new Reply.HelloOk(hello.id(), Limits.PROTOCOL_VERSION, serverName));
        }
        if (connection.streaming() && !connection.helloDone()) {
            throw new ProtocolException(ErrorCode.HELLO_REQUIRED, "send hello first");
        }
        if (request instanceof Request.Ping ping) {
            return done(new Reply.Pong(ping.id(), clock.millis()));
        }
        if (request instanceof Request.Register register) {
            var user = accounts.register(register);
            return done(new Reply.RegisterOk(register.id(), user.id(), user.username()));
        }
        if (request instanceof Request.Login login) {
            Accounts.LoginResult result = accounts.login(login);
            Session s = result.session();
            authenticated(connection, s);
            return done(new Reply.LoginOk(login.id(), s.userId(), s.username(), s.deviceId(), result.token(),
                    chat.events(s, 0, 1).latestSeq()));
        }
        if (request instanceof Request.Auth auth) {
            Session s = accounts.authenticate(auth.token()).orElseThrow(() ->
                    new ProtocolException(ErrorCode.UNAUTHENTICATED, "unknown or revoked token; log in again"));
            authenticated(connection, s);
            return done(new Reply.AuthOk(auth.id(), s.userId(), s.username(), s.deviceId(),
                    chat.events(s, 0, 1).latestSeq()));
        }
        Session session = connection.session().orElseThrow(() ->
                new ProtocolException(ErrorCode.UNAUTHENTICATED, "sign in first (login or auth)"));
        return handleSignedIn(request, session, connection);
    }

    private CompletableFuture<Reply> handleSignedIn(Request request, Session session, Connection connection) {
        if (request instanceof Request.Whoami w) {
            String displayName = accounts.user(session.userId()).map(u -> u.displayName()).orElse(session.username());
            return done(new Reply.WhoamiOk(w.id(), session.userId(), session.username(), displayName,
                    session.deviceId(), session.deviceName()));
        }
        if (request instanceof Request.Send send) {
            return chat.send(session, send).thenApplyAsync(r -> new Reply.SendOk(send.id(),
                    r.message().conversationId(), r.message().seq(), r.message().clientMsgId(),
                    r.message().sentAt(), r.duplicate()), replyExecutor);
        }
        if (request instanceof Request.History h) {
            ChatService.HistoryPage page = chat.history(session, h);
            return done(new Reply.HistoryOk(h.id(), h.conversationId(), page.messages(), page.hasMore()));
        }
        if (request instanceof Request.Sync sync) {
            ChatService.EventsPage page = chat.events(session, sync.after(), sync.limit());
            return done(new Reply.SyncOk(sync.id(), page.events(), page.latestSeq(), page.hasMore()));
        }
        if (request instanceof Request.Subscribe sub) {
            if (!connection.streaming()) {
                throw new ProtocolException(ErrorCode.INVALID_REQUEST,
                        "subscribe needs a WebSocket; over HTTP use GET /api/v1/events");
            }
            return done(new Reply.SubscribeOk(sub.id(), chat.subscribe(session, sub.after(), connection)));
        }
        if (request instanceof Request.Logout logout) {
            accounts.logout(session);
            connections.closeDevice(session.deviceId(), "logged out", connection);
            return done(new Reply.LogoutOk(logout.id()));
        }
        throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unsupported request");
    }

    private void authenticated(Connection connection, Session session) {
        if (connection.session().isPresent()) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "this connection is already signed in");
        }
        connection.session(session);
        connections.add(session, connection);
    }

    private static CompletableFuture<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
