package dev.confab.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.net.ConnectionState.Connecting;
import dev.confab.client.net.ConnectionState.Online;
import dev.confab.client.net.ConnectionState.SignedOut;
import dev.confab.client.net.ConnectionState.WaitingToReconnect;
import dev.confab.client.net.FakeTransport.FakeLink;
import dev.confab.client.store.LocalStore;
import dev.confab.client.store.OutboxEntry;
import dev.confab.client.store.StoredSession;
import dev.confab.client.support.MutableClock;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.ServerFrame;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The engine's policy against hand-driven fake transports: states, backoff, fallback, events, outbox. */
@Timeout(30)
class ConnectionEngineTest {
    private static final Duration QUIET = Duration.ofMillis(250);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService io = Executors.newCachedThreadPool();
    private final ClientRuntime runtime = new ClientRuntime(clock, System::nanoTime, scheduler, Runnable::run, io,
            new Random(1));
    private final FakeTransport ws = new FakeTransport(TransportKind.WEBSOCKET);
    private final FakeTransport lp = new FakeTransport(TransportKind.LONG_POLL);
    private final AtomicBoolean httpHealthy = new AtomicBoolean(true);
    private final RecordingStateListener states = new RecordingStateListener();
    private final List<Event> applied = new CopyOnWriteArrayList<>();
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final List<ServerFrame> pushed = new CopyOnWriteArrayList<>();
    private LocalStore store;
    private ConnectionEngine engine;

    private ClientConfig config() {
        return ClientConfig.defaults(URI.create("http://127.0.0.1:9"))
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(40))
                .withFallback(Duration.ofSeconds(1), Duration.ofMillis(100), 2)
                .withWakeCheck(Duration.ofMillis(20), Duration.ofSeconds(10));
    }

    private LocalStore store() {
        if (store == null) {
            store = LocalStore.open(dir);
            store.saveSession(new StoredSession("alice", "tok-a"));
        }
        return store;
    }

    private void start(ClientConfig config) {
        Callbacks callbacks = new Callbacks(Runnable::run);
        callbacks.add(states);
        callbacks.add(new ChatListener() {
            @Override
            public void onEvents(List<Event> events) {
                applied.addAll(events);
            }

            @Override
            public void onAcknowledged(String clientMsgId, long conversationId, long seq) {
                acknowledged.add(clientMsgId);
            }
        });
        callbacks.add(new EphemeralListener() {
            @Override
            public void onPresence(ServerFrame.Presence presence) {
                pushed.add(presence);
            }

            @Override
            public void onTyping(ServerFrame.TypingNotice typing) {
                pushed.add(typing);
            }
        });
        engine = new ConnectionEngine(config, runtime, store(), callbacks, ws, lp,
                () -> CompletableFuture.completedFuture(httpHealthy.get()));
        engine.start(store().session().orElseThrow());
    }

    private FakeLink goOnline() throws InterruptedException {
        start(config());
        assertThat(states.next()).isEqualTo(new Connecting(TransportKind.WEBSOCKET, 1));
        FakeLink link = ws.nextOpen().succeed();
        assertThat(states.next()).isEqualTo(new Online(TransportKind.WEBSOCKET));
        return link;
    }

    private static Event message(long seq, String from, String clientMsgId) {
        return new Event.MessageEvent(seq, new Message(1, seq, from, "bob", clientMsgId, "body " + seq, 1000 + seq));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null) {
            engine.stop().get(5, TimeUnit.SECONDS);
        }
        if (store != null) {
            store.close();
        }
        scheduler.shutdownNow();
        io.shutdownNow();
    }

    @Test
    void startsOnWebSocketWithTheStoredTokenAndCursorAndGoesOnline() throws Exception {
        start(config());

        assertThat(states.next()).isEqualTo(new Connecting(TransportKind.WEBSOCKET, 1));
        FakeTransport.Open open = ws.nextOpen();
        assertThat(open.token()).isEqualTo("tok-a");
        assertThat(open.after()).isZero();
        open.succeed();
        assertThat(states.next()).isEqualTo(new Online(TransportKind.WEBSOCKET));
        states.assertExhausted(QUIET);
    }

    @Test
    void failedOpenWaitsOutTheBackoffThenTriesAgain() throws Exception {
        start(config().withFallback(Duration.ofSeconds(1), Duration.ofMillis(100), 10));
        states.next(Connecting.class);

        ws.nextOpen().fail(LinkFailure.Reason.UNREACHABLE);

        WaitingToReconnect waiting = states.next(WaitingToReconnect.class);
        assertThat(waiting.nextAttemptAt()).isBetween(clock.instant().plusMillis(10), clock.instant().plusMillis(20));
        assertThat(waiting.lastError()).contains("UNREACHABLE");
        assertThat(states.next()).isEqualTo(new Connecting(TransportKind.WEBSOCKET, 2));
        ws.nextOpen().succeed();
        states.next(Online.class);
    }

    @Test
    void retryNowSkipsTheBackoffWait() throws Exception {
        start(config().withBackoff(Duration.ofMinutes(1), Duration.ofMinutes(2)));
        states.next(Connecting.class);
        ws.nextOpen().fail(LinkFailure.Reason.UNREACHABLE);
        states.next(WaitingToReconnect.class);
        ws.assertNoOpenWithin(QUIET);

        engine.retryNow();

        states.next(Connecting.class);
        ws.nextOpen().succeed();
        states.next(Online.class);
    }

    @Test
    void wallClockJumpMeansTheMachineWokeUpAndRetriesAtOnce() throws Exception {
        start(config().withBackoff(Duration.ofMinutes(1), Duration.ofMinutes(2)));
        states.next(Connecting.class);
        ws.nextOpen().fail(LinkFailure.Reason.UNREACHABLE);
        states.next(WaitingToReconnect.class);

        clock.advance(Duration.ofHours(3));

        states.next(Connecting.class);
        ws.nextOpen().succeed();
        states.next(Online.class);
    }

    @Test
    void wakeUpWhileOnlineMakesTheLinkCheckItselfNow() throws Exception {
        FakeLink link = goOnline();

        clock.advance(Duration.ofHours(3));

        await().atMost(Duration.ofSeconds(5)).until(() -> link.checks > 0);
        states.assertExhausted(QUIET);
    }

    @Test
    void webSocketFailingTwiceWhileHttpWorksFallsBackToLongPollAndUpgradesBackLater() throws Exception {
        start(config());
        states.next(Connecting.class);
        ws.nextOpen().fail(LinkFailure.Reason.HANDSHAKE);
        states.next(WaitingToReconnect.class);
        states.next(Connecting.class);
        ws.nextOpen().fail(LinkFailure.Reason.HANDSHAKE);

        assertThat(states.next(Connecting.class).transport()).isEqualTo(TransportKind.LONG_POLL);
        FakeLink longPoll = lp.nextOpen().succeed();
        assertThat(states.next()).isEqualTo(new Online(TransportKind.LONG_POLL));

        FakeTransport.Open probe = ws.nextOpen();
        probe.fail(LinkFailure.Reason.HANDSHAKE);
        states.assertExhausted(QUIET);
        ws.nextOpen().succeed();

        assertThat(states.next()).isEqualTo(new Online(TransportKind.WEBSOCKET));
        assertThat(longPoll.closed).isTrue();
        states.assertExhausted(QUIET);
    }

    @Test
    void webSocketFailingWhileHttpIsDownKeepsBackingOffOnWebSocket() throws Exception {
        httpHealthy.set(false);
        start(config());
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(states.next(Connecting.class).transport()).isEqualTo(TransportKind.WEBSOCKET);
            ws.nextOpen().fail(LinkFailure.Reason.UNREACHABLE);
            states.next(WaitingToReconnect.class);
        }
        lp.assertNoOpenWithin(QUIET);
    }

    @Test
    void rejectedTokenSignsOutForgetsTheTokenAndStopsRetrying() throws Exception {
        start(config());
        states.next(Connecting.class);

        ws.nextOpen().fail(LinkFailure.Reason.AUTH_REJECTED);

        states.next(SignedOut.class);
        assertThat(store.session()).isEmpty();
        ws.assertNoOpenWithin(QUIET);
        lp.assertNoOpenWithin(Duration.ZERO);
    }

    @Test
    void eventsAreAppliedOnceInSeqOrderAndTheCursorIsStored() throws Exception {
        FakeLink link = goOnline();

        link.deliver(message(1, "bob", "b1"), message(2, "bob", "b2"));
        link.deliver(message(2, "bob", "b2"), message(3, "bob", "b3"));
        link.deliver(message(1, "bob", "b1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> applied.size() == 3);
        assertThat(applied).extracting(Event::seq).containsExactly(1L, 2L, 3L);
        assertThat(store.cursor()).isEqualTo(3);
        assertThat(store.history(1, Long.MAX_VALUE, 10)).hasSize(3);
    }

    @Test
    void droppedLinkReconnectsAndResubscribesAfterTheLastAppliedEvent() throws Exception {
        FakeLink link = goOnline();
        link.deliver(message(1, "bob", "b1"), message(2, "bob", "b2"));

        link.breakWith(LinkFailure.Reason.HEARTBEAT);

        states.next(WaitingToReconnect.class);
        states.next(Connecting.class);
        assertThat(ws.nextOpen().after()).isEqualTo(2);
    }

    @Test
    void aGapInTheStreamDropsTheLinkAndResubscribesFromTheCursor() throws Exception {
        FakeLink link = goOnline();
        link.deliver(message(1, "bob", "b1"));

        link.deliver(message(3, "bob", "b3"));

        states.next(WaitingToReconnect.class);
        assertThat(link.closed).isTrue();
        states.next(Connecting.class);
        assertThat(ws.nextOpen().after()).isEqualTo(1);
        assertThat(applied).extracting(Event::seq).containsExactly(1L);
    }

    @Test
    void badCursorStartsTheStreamOverFromZeroAtOnce() throws Exception {
        store().apply(List.of(message(1, "bob", "b1"), message(2, "bob", "b2")));
        start(config());
        states.next(Connecting.class);
        assertThat(ws.nextOpen().future().completeExceptionally(
                new LinkFailure(LinkFailure.Reason.BAD_CURSOR, "beyond"))).isTrue();

        FakeTransport.Open again = ws.nextOpen();

        assertThat(again.after()).isZero();
        assertThat(store.cursor()).isZero();
    }

    @Test
    void presenceAndTypingPushesReachListenersOnlyFromTheCurrentLink() throws Exception {
        FakeLink first = goOnline();
        first.push(new ServerFrame.Presence("bob", "online", 0));
        first.breakWith(LinkFailure.Reason.CLOSED);
        states.next(WaitingToReconnect.class);
        states.next(Connecting.class);
        FakeLink second = ws.nextOpen().succeed();
        states.next(Online.class);

        first.push(new ServerFrame.Presence("bob", "offline", 5));
        second.push(new ServerFrame.TypingNotice(3, "bob", 99));

        await().atMost(Duration.ofSeconds(5)).until(() -> pushed.size() == 2);
        assertThat(pushed).containsExactly(new ServerFrame.Presence("bob", "online", 0),
                new ServerFrame.TypingNotice(3, "bob", 99));
        assertThat(engine.link()).isSameAs(second);
    }

    @Test
    void outboxIsSentOnceOnlineAndLeavesOnAcknowledgement() throws Exception {
        store().enqueue(new OutboxEntry("m1", "bob", null, "hello", 1));
        FakeLink link = goOnline();

        FakeTransport.Sent sent = link.nextRequest();
        Request.Send send = (Request.Send) sent.request();
        assertThat(send.clientMsgId()).isEqualTo("m1");
        assertThat(send.to()).isEqualTo("bob");
        sent.reply().complete(new Reply.SendOk(send.id(), 1, 1, "m1", 5, false));

        await().atMost(Duration.ofSeconds(5)).until(() -> store.outbox(10).isEmpty());
        assertThat(acknowledged).containsExactly("m1");
    }

    @Test
    void unacknowledgedMessageIsResentWithTheSameClientMsgIdOnTheNextLink() throws Exception {
        store().enqueue(new OutboxEntry("m1", "bob", null, "hello", 1));
        FakeLink first = goOnline();
        first.nextRequest();

        first.breakWith(LinkFailure.Reason.CLOSED);
        states.next(WaitingToReconnect.class);
        states.next(Connecting.class);
        FakeLink second = ws.nextOpen().succeed();

        assertThat(((Request.Send) second.nextRequest().request()).clientMsgId()).isEqualTo("m1");
        assertThat(store.outbox(10)).hasSize(1);
    }

    @Test
    void rateLimitedSendIsSentAgainOnANewLinkInsteadOfFailing() throws Exception {
        store().enqueue(new OutboxEntry("m1", "bob", null, "hello", 1));
        FakeLink first = goOnline();
        FakeTransport.Sent sent = first.nextRequest();

        sent.reply().complete(new Reply.Error(sent.request().id(), ErrorCode.RATE_LIMITED, "slow down"));
        states.next(WaitingToReconnect.class);
        states.next(Connecting.class);
        FakeLink second = ws.nextOpen().succeed();

        assertThat(((Request.Send) second.nextRequest().request()).clientMsgId()).isEqualTo("m1");
        assertThat(store.failedSends()).isEmpty();
        assertThat(first.closed).isTrue();
    }

    @Test
    void ownMessageSeenInTheEventStreamLeavesTheOutboxBeforeItsReply() throws Exception {
        store().enqueue(new OutboxEntry("m1", "bob", null, "hello", 1));
        FakeLink link = goOnline();
        link.nextRequest();

        link.deliver(message(1, "alice", "m1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> store.outbox(10).isEmpty());
        assertThat(acknowledged).containsExactly("m1");
    }

    @Test
    void permanentlyRefusedMessageLeavesTheOutboxAndIsReported() throws Exception {
        store().enqueue(new OutboxEntry("m1", "nobody", null, "hello", 1));
        List<ErrorCode> failures = new CopyOnWriteArrayList<>();
        FakeLink link = goOnline();
        engine.stop().get(5, TimeUnit.SECONDS);
        Callbacks callbacks = new Callbacks(Runnable::run);
        callbacks.add(new ChatListener() {
            @Override
            public void onSendFailed(String clientMsgId, ErrorCode code, String message) {
                failures.add(code);
            }
        });
        engine = new ConnectionEngine(config(), runtime, store, callbacks, ws, lp,
                () -> CompletableFuture.completedFuture(true));
        engine.start(store.session().orElseThrow());
        assertThat(link.closed).isTrue();
        FakeLink second = ws.nextOpen().succeed();

        FakeTransport.Sent sent = second.nextRequest();
        sent.reply().complete(new Reply.Error(sent.request().id(), ErrorCode.NOT_FOUND, "no user named 'nobody'"));

        await().atMost(Duration.ofSeconds(5)).until(() -> failures.contains(ErrorCode.NOT_FOUND));
        assertThat(store.outbox(10)).isEmpty();
    }
}
