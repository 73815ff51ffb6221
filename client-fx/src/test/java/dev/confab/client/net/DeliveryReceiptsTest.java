package dev.confab.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.net.FakeTransport.FakeLink;
import dev.confab.client.store.LocalStore;
import dev.confab.client.store.StoredSession;
import dev.confab.protocol.Event;
import dev.confab.protocol.Request;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Delivered receipts against a fake link: batched, throttled, only online, skipping what is already marked. */
@Timeout(30)
class DeliveryReceiptsTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService io = Executors.newCachedThreadPool();
    private final ClientRuntime runtime = new ClientRuntime(Clock.systemUTC(), System::nanoTime, scheduler,
            Runnable::run, io, new Random(1));
    private final SerialExecutor loop = new SerialExecutor(scheduler);
    private final LocalStore store = LocalStore.inMemory();
    private final DeliveryReceipts receipts = new DeliveryReceipts(store, runtime, loop);
    private final FakeLink link = new FakeLink(TransportKind.WEBSOCKET, new Link.Listener() {
        @Override
        public void onEvents(List<Event> events) {
        }

        @Override
        public void onFailure(LinkFailure failure) {
        }
    });

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        io.shutdownNow();
        store.close();
    }

    private Request.Mark nextMark() throws InterruptedException {
        return (Request.Mark) link.nextRequest(Request.Mark.class).request();
    }

    @Test
    void marksAreBatchedPerConversationAndSentAtMostTwiceASecond() throws Exception {
        loop.execute(() -> receipts.linkUp(link));
        loop.execute(() -> receipts.received(7, 1));
        Request.Mark first = nextMark();
        long firstAt = System.nanoTime();

        loop.execute(() -> {
            receipts.received(7, 2);
            receipts.received(8, 5);
            receipts.received(7, 3);
        });
        Request.Mark a = nextMark();
        Request.Mark b = nextMark();
        long waitedMillis = (System.nanoTime() - firstAt) / 1_000_000;

        assertThat(first).extracting(Request.Mark::conversationId, Request.Mark::delivered, Request.Mark::read)
                .containsExactly(7L, 1L, null);
        assertThat(List.of(a, b)).extracting(Request.Mark::conversationId, Request.Mark::delivered)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(7L, 3L),
                        org.assertj.core.groups.Tuple.tuple(8L, 5L));
        assertThat(waitedMillis).as("the second batch waited out the interval").isGreaterThanOrEqualTo(400);
        link.assertNoRequest(Request.Mark.class, Duration.ofMillis(700));
    }

    @Test
    void nothingIsSentOfflineAndWhatWaitedGoesOnTheNextLink() throws Exception {
        loop.execute(() -> receipts.received(7, 4));
        link.assertNoRequest(Request.Mark.class, Duration.ofMillis(300));

        loop.execute(() -> receipts.linkUp(link));

        assertThat(nextMark().delivered()).isEqualTo(4);
    }

    @Test
    void aMarkTheUsersMarkersAlreadyCoverIsSkipped() throws Exception {
        store.saveSession(new StoredSession("alice", "tok"));
        store.apply(List.of(new Event.ReceiptEvent(1, 9, "alice", 10, 0)));
        loop.execute(() -> receipts.linkUp(link));

        loop.execute(() -> receipts.received(9, 4));
        link.assertNoRequest(Request.Mark.class, Duration.ofMillis(300));
        loop.execute(() -> receipts.received(9, 11));

        assertThat(nextMark().delivered()).isEqualTo(11);
    }

    @Test
    void aMarkLostWithItsLinkIsSentAgainOnTheNext() throws Exception {
        loop.execute(() -> receipts.linkUp(link));
        loop.execute(() -> receipts.received(7, 2));
        FakeTransport.Sent lost = link.nextRequest(Request.Mark.class);

        loop.execute(receipts::linkDown);
        lost.reply().completeExceptionally(new LinkFailure(LinkFailure.Reason.CLOSED, "test cut it"));
        loop.execute(() -> receipts.linkUp(link));

        assertThat(nextMark().delivered()).isEqualTo(2);
    }
}
