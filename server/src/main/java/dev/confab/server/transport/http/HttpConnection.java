package dev.confab.server.transport.http;

import dev.confab.protocol.ServerFrame;
import dev.confab.server.chat.Accounts;
import dev.confab.server.chat.Connection;
import dev.confab.server.chat.Session;
import java.util.Optional;
import java.util.concurrent.Executor;

/** One HTTP request seen as a connection: no hello needed, the session comes from its bearer token. */
final class HttpConnection implements Connection {
    private final Accounts accounts;
    private final String token;
    private final Executor executor;
    private final String remoteAddress;
    private Optional<Session> session;

    HttpConnection(Accounts accounts, String token, Executor executor, String remoteAddress) {
        this.accounts = accounts;
        this.token = token;
        this.executor = executor;
        this.remoteAddress = remoteAddress;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public boolean streaming() {
        return false;
    }

    @Override
    public boolean helloDone() {
        return true;
    }

    @Override
    public void helloDone(boolean done) {
        // HTTP carries the protocol version in its path (/api/v1).
    }

    /** Looks the bearer token up on first use; blocking, so only called on the dispatcher's executor. */
    @Override
    public synchronized Optional<Session> session() {
        if (session == null) {
            session = token == null ? Optional.empty() : accounts.authenticate(token);
        }
        return session;
    }

    @Override
    public synchronized void session(Session session) {
        this.session = Optional.of(session);
    }

    @Override
    public Executor serial() {
        return executor;
    }

    @Override
    public void push(ServerFrame frame) {
        throw new UnsupportedOperationException("HTTP requests have no push channel");
    }

    @Override
    public boolean attach(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            // nothing to keep open
        }
        return false;
    }

    @Override
    public void close(String reason) {
        // the response ends the exchange
    }

    static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
