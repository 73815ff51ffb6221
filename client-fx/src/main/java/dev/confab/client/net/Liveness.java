package dev.confab.client.net;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Request;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The ephemeral signals this device sends: typing notices (throttled here, so the server's {@code rate_limited}
 * never reaches the application) and the away flag (remembered and repeated on every new link). Thread safe.
 */
final class Liveness {
    private final ChatApi api;
    private final TypingThrottle throttle;
    private final AwayState away;

    Liveness(ChatApi api, TypingThrottle throttle, AwayState away) {
        this.api = api;
        this.throttle = throttle;
        this.away = away;
    }

    /** Sends a typing notice unless the throttle holds it back or the client is offline (then it does nothing). */
    CompletableFuture<Void> typing(long conversationId) {
        if (!api.online() || !throttle.tryAcquire(conversationId)) {
            return api.callbacks().deliver(CompletableFuture.completedFuture(null));
        }
        return api.callbacks().deliver(api.send(id -> new Request.Typing(id, conversationId)).handle((reply, failure) -> {
            if (failure == null || rateLimited(failure)) {
                return null;
            }
            throw failure instanceof CompletionException c ? c : new CompletionException(failure);
        }));
    }

    /** Remembers the flag for every future link and, if online, tells the server now. */
    CompletableFuture<Void> setAway(boolean value) {
        away.set(value);
        if (!api.online()) {
            return api.callbacks().deliver(CompletableFuture.completedFuture(null));
        }
        return api.request(id -> new Request.SetPresence(id, value ? "away" : "online"),
                dev.confab.protocol.Reply.Ok.class, ok -> null);
    }

    /** Forgets the away flag (the user signed out). */
    void reset() {
        away.set(false);
    }

    private static boolean rateLimited(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return cause instanceof ServerException e && e.code() == ErrorCode.RATE_LIMITED;
    }
}
