package dev.confab.client.net;

import dev.confab.client.store.LocalStore;
import dev.confab.client.store.StoredSession;
import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The policy object: opens links, reconnects with backoff, falls back to long-poll when WebSocket keeps failing
 * while HTTP works (probing WebSocket to upgrade back), retries at once on {@link #retryNow()} or a wake-up,
 * and hands events to the {@link EventApplier} and the online link to its {@link LinkUser}s (outbox, delivery
 * receipts, conversation refresh, and whatever the client adds).
 * <p>All state is confined to one serial loop on the runtime's scheduler; public methods only enqueue.
 */
final class ConnectionEngine {
    private final ClientConfig config;
    private final ClientRuntime runtime;
    private final LocalStore store;
    private final Callbacks callbacks;
    private final Transport webSocket;
    private final Transport longPoll;
    private final Supplier<CompletableFuture<Boolean>> httpHealthy;
    private final SerialExecutor loop;
    private final Backoff backoff;
    private final WakeDetector wake;
    private final OutboxSender outbox;
    private final EventApplier applier;
    private final ConversationSync sync;
    private final List<LinkUser> linkUsers = new ArrayList<>();
    private volatile Link online;
    private volatile ConnectionState state = new ConnectionState.Stopped();
    private StoredSession session;
    private boolean running;
    private boolean longPollMode;
    private boolean cursorReset;
    private int webSocketFailures;
    private Attempt current;
    private Attempt candidate;
    private Future<?> retryTimer;
    private Future<?> probeTimer;
    private Future<?> wakeTimer;

    ConnectionEngine(ClientConfig config, ClientRuntime runtime, LocalStore store, Callbacks callbacks,
                     Transport webSocket, Transport longPoll, Supplier<CompletableFuture<Boolean>> httpHealthy) {
        this.config = config;
        this.runtime = runtime;
        this.store = store;
        this.callbacks = callbacks;
        this.webSocket = webSocket;
        this.longPoll = longPoll;
        this.httpHealthy = httpHealthy;
        this.loop = new SerialExecutor(runtime.scheduler());
        this.backoff = new Backoff(config.backoffInitial(), config.backoffMax(), runtime.random());
        this.wake = new WakeDetector(runtime.clock(), runtime.nanoTime(), config.wakeJumpThreshold());
        this.outbox = new OutboxSender(store, callbacks, loop, (link, failure) -> {
            if (current != null && current.link == link) {
                lost(current, failure);
            }
        });
        DeliveryReceipts receipts = new DeliveryReceipts(store, runtime, loop);
        this.sync = new ConversationSync(store, callbacks, loop, store::cursor);
        this.applier = new EventApplier(store, callbacks, receipts, sync);
        linkUsers.addAll(List.of(outbox, receipts, sync));
    }

    ConnectionState state() {
        return state;
    }

    /** The engine's loop: work queued here runs one task at a time, after earlier engine work. */
    Executor loop() {
        return loop;
    }

    /** The link that is online now, or null; a snapshot that may break at any moment. Any thread. */
    Link link() {
        return online;
    }

    /** Lets {@code user} send over every link that goes online from now on (and the current one, if any). */
    void addLinkUser(LinkUser user) {
        loop.execute(() -> {
            linkUsers.add(user);
            if (current != null) {
                user.linkUp(current.link);
            }
        });
    }

    /** Asks the server for the conversation list now (or after the request in flight); nothing if offline. */
    void refreshConversations() {
        loop.execute(sync::refreshSoon);
    }

    /** Merges a conversation list fetched when the cursor was {@code askedAt}. Call on the {@link #loop()}. */
    void mergeConversations(List<Info.Conversation> conversations, long askedAt) {
        sync.merge(conversations, askedAt);
    }

    /** Forgets the token and stops for good ({@link ConnectionState.SignedOut}); completes once stopped. */
    CompletableFuture<Void> signOut(String reason) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            store.clearToken();
            halt(new ConnectionState.SignedOut(reason));
            done.complete(null);
        });
        return done;
    }

    /** Starts connecting as {@code signedIn}; does nothing if already running. */
    void start(StoredSession signedIn) {
        loop.execute(() -> {
            if (running) {
                return;
            }
            session = signedIn;
            applier.begin(signedIn.username());
            running = true;
            long tick = config.wakeCheckInterval().toMillis();
            wake.tick();
            wakeTimer = runtime.scheduler().scheduleWithFixedDelay(() -> loop.execute(this::checkWake), tick, tick,
                    TimeUnit.MILLISECONDS);
            connect();
        });
    }

    /** New outbox entries are waiting. */
    void kick() {
        loop.execute(outbox::flush);
    }

    /** Skips the backoff wait (or, on long-poll, probes WebSocket now). */
    void retryNow() {
        loop.execute(this::retryNowOnLoop);
    }

    /** Closes links and timers; completes once the engine is {@link ConnectionState.Stopped}. */
    CompletableFuture<Void> stop() {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        loop.execute(() -> {
            halt(new ConnectionState.Stopped());
            stopped.complete(null);
        });
        return stopped;
    }

    private void connect() {
        if (!running || current != null) {
            return;
        }
        cancel(retryTimer);
        TransportKind kind = longPollMode ? TransportKind.LONG_POLL : TransportKind.WEBSOCKET;
        setState(new ConnectionState.Connecting(kind, backoff.failures() + 1));
        open(kind, false);
    }

    private void open(TransportKind kind, boolean probe) {
        Attempt attempt = new Attempt(kind, probe);
        candidate = attempt;
        Transport transport = kind == TransportKind.WEBSOCKET ? webSocket : longPoll;
        transport.open(session.token(), applier.cursor(), attempt).whenComplete((link, failure) ->
                loop.execute(() -> opened(attempt, link, failure)));
    }

    private void opened(Attempt attempt, Link link, Throwable failure) {
        if (attempt != candidate || !running) {
            if (link != null) {
                link.close();
            }
            return;
        }
        candidate = null;
        if (failure != null) {
            openFailed(attempt, LinkFailure.of(failure));
            return;
        }
        cancel(retryTimer);
        attempt.link = link;
        Attempt previous = current;
        current = attempt;
        if (previous != null) {
            previous.link.close();
        }
        backoff.reset();
        cursorReset = false;
        if (attempt.kind == TransportKind.WEBSOCKET) {
            webSocketFailures = 0;
            longPollMode = false;
            cancel(probeTimer);
        } else {
            scheduleProbe();
        }
        online = link;
        setState(new ConnectionState.Online(attempt.kind));
        linkUsers.forEach(u -> u.linkUp(link));
    }

    private void openFailed(Attempt attempt, LinkFailure failure) {
        if (handledSpecially(failure, attempt.probe)) {
            return;
        }
        if (attempt.probe) {
            scheduleProbe();
            return;
        }
        if (attempt.kind == TransportKind.WEBSOCKET
                && ++webSocketFailures >= config.fallbackAfterFailures()) {
            httpHealthy.get().whenComplete((ok, ignored) -> loop.execute(() -> {
                if (running && current == null && candidate == null && state instanceof ConnectionState.Connecting) {
                    if (Boolean.TRUE.equals(ok)) {
                        longPollMode = true;
                        connect();
                    } else {
                        waitToReconnect(failure);
                    }
                }
            }));
            return;
        }
        waitToReconnect(failure);
    }

    /** A link that was online broke (or was found broken). */
    private void lost(Attempt attempt, LinkFailure failure) {
        if (attempt != current) {
            return;
        }
        current = null;
        online = null;
        attempt.link.close();
        linkUsers.forEach(LinkUser::linkDown);
        cancel(probeTimer);
        if (!handledSpecially(failure, false)) {
            waitToReconnect(failure);
        }
    }

    /** Revoked token: sign out. Bad cursor: start the stream over once, at once. */
    private boolean handledSpecially(LinkFailure failure, boolean probe) {
        if (failure.reason() == LinkFailure.Reason.AUTH_REJECTED) {
            store.clearToken();
            halt(new ConnectionState.SignedOut(failure.getMessage()));
            return true;
        }
        if (failure.reason() == LinkFailure.Reason.BAD_CURSOR && !cursorReset) {
            cursorReset = true;
            applier.startOver();
            if (probe) {
                scheduleProbe();
            } else {
                connect();
            }
            return true;
        }
        return false;
    }

    private void applyEvents(Attempt from, List<Event> events) {
        if (from == current || from == candidate) {
            applier.apply(events).ifPresent(gap -> drop(from, gap));
        }
    }

    private void drop(Attempt attempt, LinkFailure failure) {
        if (attempt == current) {
            lost(attempt, failure);
        } else if (attempt == candidate) {
            candidate = null;
            openFailed(attempt, failure);
        }
    }

    private void waitToReconnect(LinkFailure failure) {
        Duration delay = backoff.next();
        setState(new ConnectionState.WaitingToReconnect(runtime.clock().instant().plus(delay), backoff.failures(),
                failure.getMessage()));
        cancel(retryTimer);
        retryTimer = schedule(this::connect, delay);
    }

    private void scheduleProbe() {
        cancel(probeTimer);
        probeTimer = schedule(this::probe, config.webSocketProbeInterval());
    }

    private void probe() {
        if (running && current != null && current.kind == TransportKind.LONG_POLL && candidate == null) {
            open(TransportKind.WEBSOCKET, true);
        }
    }

    private void retryNowOnLoop() {
        if (!running) {
            return;
        }
        if (state instanceof ConnectionState.WaitingToReconnect) {
            connect();
        } else if (current != null && current.kind == TransportKind.LONG_POLL) {
            cancel(probeTimer);
            probe();
        }
    }

    private void checkWake() {
        if (running && wake.tick()) {
            if (current != null) {
                current.link.checkNow();
            }
            retryNowOnLoop();
        }
    }

    private void halt(ConnectionState finalState) {
        running = false;
        cancel(retryTimer);
        cancel(probeTimer);
        cancel(wakeTimer);
        online = null;
        linkUsers.forEach(LinkUser::linkDown);
        if (current != null) {
            current.link.close();
        }
        current = null;
        candidate = null;
        setState(finalState);
    }

    private void setState(ConnectionState next) {
        ConnectionState previous = state;
        if (!previous.equals(next)) {
            state = next;
            callbacks.stateChanged(previous, next);
        }
    }

    private Future<?> schedule(Runnable task, Duration delay) {
        return runtime.scheduler().schedule(() -> loop.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void cancel(Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** One try at opening a link; its callbacks reach the engine only while it is the candidate or current. */
    private final class Attempt implements Link.Listener {
        final TransportKind kind;
        final boolean probe;
        Link link;

        Attempt(TransportKind kind, boolean probe) {
            this.kind = kind;
            this.probe = probe;
        }

        @Override
        public void onEvents(List<Event> events) {
            loop.execute(() -> applyEvents(this, events));
        }

        @Override
        public void onFailure(LinkFailure failure) {
            loop.execute(() -> lost(this, failure));
        }

        @Override
        public void onEphemeral(ServerFrame frame) {
            loop.execute(() -> {
                if (this == current || this == candidate) {
                    callbacks.ephemeral(frame);
                }
            });
        }
    }
}
