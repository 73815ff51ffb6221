package dev.confab.client.net;

import dev.confab.client.store.LocalStore;
import dev.confab.client.store.StoredSession;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Register, log in and log out over plain HTTP (they work without a link). Thread safe; futures complete on
 * the callback executor.
 */
final class SignIn {
    private final ClientConfig config;
    private final HttpApi http;
    private final LocalStore store;
    private final ConnectionEngine engine;
    private final Callbacks callbacks;

    SignIn(ClientConfig config, HttpApi http, LocalStore store, ConnectionEngine engine, Callbacks callbacks) {
        this.config = config;
        this.http = http;
        this.store = store;
        this.engine = engine;
        this.callbacks = callbacks;
    }

    CompletableFuture<Void> register(String username, String password, String displayName) {
        return callbacks.deliver(rpc(() -> new Request.Register("register", username, password, displayName), null)
                .thenApply(reply -> {
                    ChatApi.expect(reply, Reply.RegisterOk.class);
                    return null;
                }));
    }

    /** Signs in as a new device, keeps the token in the local store and starts connecting. */
    CompletableFuture<Void> login(String username, String password) {
        return callbacks.deliver(rpc(() -> new Request.Login("login", username, password, config.deviceName()), null)
                .thenApplyAsync(reply -> {
                    Reply.LoginOk ok = ChatApi.expect(reply, Reply.LoginOk.class);
                    StoredSession session = new StoredSession(ok.username(), ok.token());
                    store.saveSession(session);
                    engine.start(session);
                    return null;
                }, engine.loop()));
    }

    /**
     * Signs out here at once (token forgotten, links closed, {@link ConnectionState.SignedOut}), then revokes
     * the token on the server; the future fails if the server could not be told.
     */
    CompletableFuture<Void> logout() {
        Optional<StoredSession> session = store.session();
        return callbacks.deliver(engine.signOut("logged out").thenCompose(stopped -> session
                .map(s -> rpc(() -> new Request.Logout("logout"), s.token()).thenApply(reply -> {
                    if (reply instanceof Reply.Error e && e.code() == ErrorCode.UNAUTHENTICATED) {
                        return null; // already revoked
                    }
                    ChatApi.expect(reply, Reply.LogoutOk.class);
                    return (Void) null;
                }))
                .orElse(CompletableFuture.completedFuture(null))));
    }

    /** An HTTP rpc; fails with {@link ServerException} for a request the protocol refuses, {@link IOException} if unreachable. */
    private CompletableFuture<Reply> rpc(java.util.function.Supplier<Request> build, String token) {
        Request request;
        try {
            request = build.get();
        } catch (dev.confab.protocol.ProtocolException e) {
            return CompletableFuture.failedFuture(new ServerException(e.code(), e.getMessage()));
        }
        return http.rpc(request, token).exceptionally(failure -> {
            LinkFailure f = LinkFailure.of(failure);
            throw new CompletionException(new IOException(f.getMessage(), f));
        });
    }
}
