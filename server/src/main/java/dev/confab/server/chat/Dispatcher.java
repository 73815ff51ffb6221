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

    private final Services services;
    private final SignedInHandlers signedIn;
    private final Clock clock;
    private final String serverName;
    private final int maxConnectionsPerAccount;

    public Dispatcher(Services services, Executor replyExecutor, Clock clock, String serverName,
                      int maxConnectionsPerAccount) {
        this.services = services;
        this.signedIn = new SignedInHandlers(services, replyExecutor);
        this.clock = clock;
        this.serverName = serverName;
        this.maxConnectionsPerAccount = maxConnectionsPerAccount;
    }

    public CompletableFuture<Reply> dispatch(Request request, Connection connection) {
        Executor executor = connection.serial() instanceof SerialExecutor serial && quick(request, connection)
                ? serial.inlineIfIdle() : connection.serial();
        return CompletableFuture.supplyAsync(() -> handle(request, connection), executor)
                .thenCompose(reply -> reply)
                .exceptionally(failure -> error(request.id(), failure));
    }

    /**
     * Requests that may run on the network thread that read them (when the connection has nothing queued): they
     * only touch memory and queue work for the writer. Each thread handoff costs tens of microseconds of CPU on a
     * small VM, and {@code send} is most of the traffic.
     */
    private boolean quick(Request request, Connection connection) {
        if (request instanceof Request.Ping) {
            return true;
        }
        if (request instanceof Request.Send send && connection.helloDone()) {
            Session session = connection.session().orElse(null);
            return session != null && services.chat().resolvesFromMemory(session, send);
        }
        return false;
    }

    /** The error reply for a failure; unexpected failures are logged and reported as {@code internal}. */
    public static Reply.Error error(String id, Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ProtocolException pe) {
            return new Reply.Error(id, pe.code(), pe.getMessage());
        }
        if (cause instanceof dev.confab.server.store.StoreUnavailableException) {
            return new Reply.Error(id, ErrorCode.UNAVAILABLE, "storage is temporarily unavailable; retry");
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
            var user = services.accounts().register(register);
            return done(new Reply.RegisterOk(register.id(), user.id(), user.username()));
        }
        if (request instanceof Request.Login login) {
            requireNotSignedIn(connection);
            if (connection.streaming()) {
                // Check the connection limit before a device is created whose token nobody would receive.
                services.accounts().user(login.username()).ifPresent(u -> requireConnectionRoom(u.id()));
            }
            Accounts.LoginResult result = services.accounts().login(login, connection.remoteAddress());
            Session s = result.session();
            authenticated(connection, s);
            return done(new Reply.LoginOk(login.id(), s.userId(), s.username(), s.deviceId(), result.token(),
                    services.chat().events(s, 0, 1).latestSeq()));
        }
        if (request instanceof Request.Auth auth) {
            requireNotSignedIn(connection);
            Session s = services.accounts().authenticate(auth.token()).orElseThrow(() ->
                    new ProtocolException(ErrorCode.UNAUTHENTICATED, "unknown or revoked token; log in again"));
            authenticated(connection, s);
            return done(new Reply.AuthOk(auth.id(), s.userId(), s.username(), s.deviceId(),
                    services.chat().events(s, 0, 1).latestSeq()));
        }
        Session session = connection.session().orElseThrow(() ->
                new ProtocolException(ErrorCode.UNAUTHENTICATED, "sign in first (login or auth)"));
        return signedIn.handle(request, session, connection);
    }

    private void requireConnectionRoom(long userId) {
        if (services.connections().countForUser(userId) >= maxConnectionsPerAccount) {
            throw new ProtocolException(ErrorCode.LIMIT_EXCEEDED, "at most " + maxConnectionsPerAccount
                    + " simultaneous connections per account");
        }
    }

    private static void requireNotSignedIn(Connection connection) {
        if (connection.session().isPresent()) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "this connection is already signed in");
        }
    }

    private void authenticated(Connection connection, Session session) {
        requireNotSignedIn(connection);
        if (connection.streaming()) {
            requireConnectionRoom(session.userId());
        }
        connection.session(session);
        services.connections().add(session, connection);
        if (!connection.isOpen()) {
            // It closed while this request waited: its close found no session to unregister, so do it here.
            services.connections().remove(connection);
        }
    }

    static CompletableFuture<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
