package dev.confab.client.net;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Requests the application makes over the link that is online: WebSocket frames, or {@code POST /api/v1/rpc}
 * with the device token while on long-poll. Never queued: offline, the future fails with
 * {@link OfflineException}; an error reply fails it with {@link ServerException}; a link that breaks first
 * fails it with an {@link IOException}. Thread safe; results complete on the callback executor.
 */
final class ChatApi {
    private final ConnectionEngine engine;
    private final Callbacks callbacks;
    private final AtomicLong ids = new AtomicLong();

    ChatApi(ConnectionEngine engine, Callbacks callbacks) {
        this.engine = engine;
        this.callbacks = callbacks;
    }

    /** Any request, built for a fresh request id; the reply is never an error. */
    CompletableFuture<Reply> call(Function<String, Request> build) {
        return callbacks.deliver(send(build));
    }

    /** A request whose reply must be {@code type}; {@code result} picks the answer out of it (on a network thread). */
    <T extends Reply, R> CompletableFuture<R> request(Function<String, Request> build, Class<T> type,
                                                      Function<T, R> result) {
        return callbacks.deliver(send(build).thenApply(reply -> result.apply(expect(reply, type))));
    }

    /** Like {@link #request}, but {@code then} runs on the engine loop (where the store is written) first. */
    <T extends Reply, R> CompletableFuture<R> requestThen(Function<String, Request> build, Class<T> type,
                                                          Function<T, R> then) {
        return callbacks.deliver(send(build).thenApplyAsync(reply -> then.apply(expect(reply, type)), engine.loop()));
    }

    /** Sends now if online; completes (on the network thread) with the reply, which is never an error. */
    CompletableFuture<Reply> send(Function<String, Request> build) {
        Link link = engine.link();
        if (link == null) {
            return CompletableFuture.failedFuture(new OfflineException("not connected to the server"));
        }
        Request request;
        try {
            request = build.apply("c" + ids.incrementAndGet());
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(new ServerException(e.code(), e.getMessage()));
        }
        return link.request(request).handle((reply, failure) -> {
            if (failure != null) {
                LinkFailure f = LinkFailure.of(failure);
                throw new CompletionException(new IOException(f.getMessage(), f));
            }
            if (reply instanceof Reply.Error error) {
                throw new CompletionException(new ServerException(error.code(), error.message()));
            }
            return reply;
        });
    }

    boolean online() {
        return engine.link() != null;
    }

    Callbacks callbacks() {
        return callbacks;
    }

    static <T extends Reply> T expect(Reply reply, Class<T> type) {
        if (type.isInstance(reply)) {
            return type.cast(reply);
        }
        if (reply instanceof Reply.Error error) {
            throw new CompletionException(new ServerException(error.code(), error.message()));
        }
        throw new CompletionException(new ServerException(ErrorCode.INTERNAL,
                "expected " + type.getSimpleName() + ", got " + reply.getClass().getSimpleName()));
    }
}
