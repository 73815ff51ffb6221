package dev.confab.client.net;

import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP fallback: a chain of {@code GET /api/v1/events} long-polls, each asking for events after the last
 * one it delivered, and requests as {@code POST /api/v1/rpc}. A poll that gets no answer within its wait plus
 * the timeouts means a dead link. The first successful poll opens the link. Thread safe.
 */
final class LongPollLink implements Link {
    private final HttpApi api;
    private final ClientConfig config;
    private final Link.Listener listener;
    private final String token;
    private final CompletableFuture<Link> opened = new CompletableFuture<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile long after;

    LongPollLink(HttpApi api, ClientConfig config, Link.Listener listener, String token, long after) {
        this.api = api;
        this.config = config;
        this.listener = listener;
        this.token = token;
        this.after = after;
    }

    /** The first poll does not wait, so a bad token or cursor is reported at once. */
    CompletableFuture<Link> open() {
        poll(0);
        return opened;
    }

    private void poll(long waitSeconds) {
        if (done.get()) {
            return;
        }
        CompletableFuture<Reply.SyncOk> poll = api.events(token, after, Limits.MAX_EVENTS_PAGE, waitSeconds);
        track(poll).whenComplete((page, failure) -> {
            if (failure != null) {
                fail(LinkFailure.of(failure));
                return;
            }
            if (done.get()) {
                return;
            }
            opened.complete(this);
            if (!page.events().isEmpty()) {
                after = page.events().get(page.events().size() - 1).seq();
                listener.onEvents(page.events());
            }
            poll(page.hasMore() ? 0 : config.longPollWait().toSeconds());
        });
    }

    @Override
    public TransportKind kind() {
        return TransportKind.LONG_POLL;
    }

    @Override
    public CompletableFuture<Reply> request(Request request) {
        if (done.get()) {
            return CompletableFuture.failedFuture(new LinkFailure(LinkFailure.Reason.CLOSED, "link is closed"));
        }
        return track(api.rpc(request, token));
    }

    /** One at a time: concurrent HTTP requests may be served in any order, which would reorder messages. */
    @Override
    public int maxInFlight() {
        return 1;
    }

    /** A quick ping; if the network died while we slept, it fails and takes the link down with it. */
    @Override
    public void checkNow() {
        request(new Request.Ping("wake")).whenComplete((reply, failure) -> {
            if (failure != null) {
                fail(LinkFailure.of(failure));
            }
        });
    }

    @Override
    public void close() {
        end(new LinkFailure(LinkFailure.Reason.LOCAL_CLOSE, "closed by the client"), false);
    }

    private void fail(LinkFailure failure) {
        end(failure, true);
    }

    private void end(LinkFailure failure, boolean report) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        inFlight.forEach(f -> f.cancel(true));
        inFlight.clear();
        if (!opened.completeExceptionally(failure) && report) {
            listener.onFailure(failure);
        }
    }

    private <T> CompletableFuture<T> track(CompletableFuture<T> future) {
        inFlight.add(future);
        future.whenComplete((v, t) -> inFlight.remove(future));
        if (done.get()) {
            future.cancel(true);
        }
        return future;
    }
}
