package dev.confab.server.transport.http;

import dev.confab.protocol.Codec;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Limits;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.Reply;
import dev.confab.server.chat.Accounts;
import dev.confab.server.chat.ChatService;
import dev.confab.server.chat.Dispatcher;
import dev.confab.server.chat.EventHub;
import dev.confab.server.chat.Presence;
import dev.confab.server.chat.Session;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * One {@code GET /api/v1/events?after=N&limit=L&wait=S}: answers at once when the caller has events after N,
 * otherwise parks the response (no thread held) until an event arrives or {@code wait} seconds pass.
 * Exactly one answer is written, whichever of event, timeout or disconnect comes first.
 */
final class LongPoll implements EventHub.Listener {
    static final int MAX_WAIT_SECONDS = 30;
    static final int DEFAULT_WAIT_SECONDS = 25;
    /** Long-polls one device may have waiting at once; more is {@code rate_limited}. */
    static final int MAX_POLLS_PER_DEVICE = 2;

    private final Response response;
    private final ChatService chat;
    private final Codec codec;
    private final Executor executor;
    private final long after;
    private final int limit;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final java.util.concurrent.ConcurrentMap<Long, java.util.concurrent.atomic.AtomicInteger> polls;
    private final AtomicBoolean counted = new AtomicBoolean();
    private volatile Session session;
    private volatile ScheduledFuture<?> timer;

    private LongPoll(Response response, ChatService chat, Codec codec, Executor executor, long after, int limit,
                     java.util.concurrent.ConcurrentMap<Long, java.util.concurrent.atomic.AtomicInteger> polls) {
        this.polls = polls;
        this.response = response;
        this.chat = chat;
        this.codec = codec;
        this.executor = executor;
        this.after = after;
        this.limit = limit;
    }

    static void start(Request request, Response response, Accounts accounts, ChatService chat, Presence presence,
                      Codec codec, Executor executor, ScheduledExecutorService timers,
                      java.util.concurrent.ConcurrentMap<Long, java.util.concurrent.atomic.AtomicInteger> polls) {
        long after;
        int limit;
        int wait;
        try {
            after = param(request, "after", 0, Long.MAX_VALUE, 0);
            limit = (int) param(request, "limit", 1, Limits.MAX_EVENTS_PAGE, Limits.DEFAULT_EVENTS_PAGE);
            wait = (int) param(request, "wait", 0, MAX_WAIT_SECONDS, DEFAULT_WAIT_SECONDS);
        } catch (ProtocolException e) {
            Responses.error(response, codec, 400, new Reply.Error(null, e.code(), e.getMessage()));
            return;
        }
        String token = HttpConnection.bearer(request.getHeader("Authorization"));
        LongPoll poll = new LongPoll(response, chat, codec, executor, after, limit, polls);
        response.suspend(wait + 10L, TimeUnit.SECONDS, poll.completion(), r -> true);
        executor.execute(() -> poll.begin(accounts, presence, token, wait, timers));
    }

    private void begin(Accounts accounts, Presence presence, String token, int wait, ScheduledExecutorService timers) {
        try {
            Session s = accounts.authenticate(token).orElseThrow(() ->
                    new ProtocolException(ErrorCode.UNAUTHENTICATED, "missing, unknown or revoked bearer token"));
            session = s;
            int waiting = polls.computeIfAbsent(s.deviceId(), id -> new java.util.concurrent.atomic.AtomicInteger())
                    .incrementAndGet();
            counted.set(true);
            if (waiting > MAX_POLLS_PER_DEVICE) {
                throw new ProtocolException(ErrorCode.RATE_LIMITED,
                        "at most " + MAX_POLLS_PER_DEVICE + " long-polls per device at once");
            }
            presence.polled(s);
            ChatService.EventsPage page = chat.events(s, after, limit);
            if (!page.events().isEmpty() || wait == 0) {
                finish(page);
                return;
            }
            chat.hub().subscribe(s.userId(), this);
            timer = timers.schedule(() -> executor.execute(this::finishFromStore), wait, TimeUnit.SECONDS);
            if (finished.get()) {
                // The client went away while we were reading: undo the subscription it will never use.
                cleanup();
                return;
            }
            // An event committed between the read above and subscribing would not wake us: look once more.
            ChatService.EventsPage again = chat.events(s, after, limit);
            if (!again.events().isEmpty()) {
                finish(again);
            }
        } catch (RuntimeException e) {
            Reply.Error error = Dispatcher.error(null, e);
            if (finished.compareAndSet(false, true)) {
                cleanup();
                Responses.errorAndResume(response, codec, HttpStatus.of(error.code()), error);
            }
        }
    }

    @Override
    public void onEvents(List<Event> events) {
        executor.execute(this::finishFromStore);
    }

    private void finishFromStore() {
        if (finished.get()) {
            return;
        }
        try {
            finish(chat.events(session, after, limit));
        } catch (RuntimeException e) {
            Reply.Error error = Dispatcher.error(null, e);
            if (finished.compareAndSet(false, true)) {
                cleanup();
                Responses.errorAndResume(response, codec, HttpStatus.of(error.code()), error);
            }
        }
    }

    private void finish(ChatService.EventsPage page) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        cleanup();
        Reply.SyncOk reply = new Reply.SyncOk(null, page.events(), page.latestSeq(), page.hasMore());
        Responses.writeAndResume(response, 200, codec.encode(reply));
    }

    private void cleanup() {
        Session s = session;
        if (s != null) {
            chat.hub().unsubscribe(s.userId(), this);
            if (counted.compareAndSet(true, false)) {
                polls.computeIfPresent(s.deviceId(), (id, n) -> n.decrementAndGet() <= 0 ? null : n);
            }
        }
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }

    private CompletionHandler<Response> completion() {
        return new CompletionHandler<>() {
            @Override
            public void cancelled() {
                finished.set(true);
                cleanup();
            }

            @Override
            public void failed(Throwable throwable) {
                finished.set(true);
                cleanup();
            }

            @Override
            public void completed(Response result) {
            }

            @Override
            public void updated(Response result) {
            }
        };
    }

    private static long param(Request request, String name, long min, long max, long defaultValue) {
        String raw = request.getParameter(name);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST,
                    name + " must be a whole number from " + min + " to " + max);
        }
    }
}
