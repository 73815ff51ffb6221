package dev.confab.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.ProtocolException;
import dev.confab.server.store.HistoryStore;
import dev.confab.server.store.h2.H2AccountStore;
import dev.confab.server.store.rocksdb.RocksDbHistoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class MessageWriterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private FailingStore store;
    private H2AccountStore accounts;
    private MessageWriter writer;
    private long conv10;
    private long conv11;
    private final List<HistoryStore.UserEvent> published = new ArrayList<>();

    @BeforeEach
    void start() {
        store = new FailingStore(RocksDbHistoryStore.open(dir.resolve("rocksdb")));
        accounts = H2AccountStore.open(dir.resolve("h2"));
        long u1 = accounts.createUser("u1", "h", "U1", 0).id();
        long u2 = accounts.createUser("u2", "h", "U2", 0).id();
        long u3 = accounts.createUser("u3", "h", "U3", 0).id();
        assertThat(List.of(u1, u2, u3)).containsExactly(1L, 2L, 3L);
        conv10 = accounts.directConversation(1, 2);
        conv11 = accounts.createGroup("g", 1, List.of(2L), true, 0);
        EventHub hub = new EventHub();
        for (long user : new long[] {1, 2}) {
            hub.subscribe(user, events -> {
                synchronized (published) {
                    events.forEach(e -> published.add(new HistoryStore.UserEvent(user, e)));
                }
            });
        }
        writer = new MessageWriter(store, new Memberships(accounts), hub, CLOCK);
    }

    @AfterEach
    void stop() {
        writer.close();
        store.close();
        accounts.close();
    }

    private MessageWriter.Result send(long sender, long conversation, String clientMsgId) throws Exception {
        return writer.submit(sender, "u" + sender, conversation, "peer", clientMsgId, "body")
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void assignsDenseSeqsPerConversationAndPerMemberStream() throws Exception {
        List<CompletableFuture<MessageWriter.Result>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            futures.add(writer.submit(1, "u1", i % 2 == 0 ? conv10 : conv11, "peer", "c" + i, "b" + i));
        }

        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 100; i += 2) {
            seqs.add(futures.get(i).get(10, TimeUnit.SECONDS).message().seq());
        }

        assertThat(seqs).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(store.latestEventSeq(1)).isEqualTo(100);
        assertThat(store.latestEventSeq(2)).isEqualTo(100);
        assertThat(store.events(2, 0, 500)).extracting(Event::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList());
    }

    @Test
    void duplicatesInTheSameBatchAndAcrossBatchesReturnTheOriginal() throws Exception {
        CompletableFuture<MessageWriter.Result> a = writer.submit(1, "u1", conv10, "p", "same", "x");
        CompletableFuture<MessageWriter.Result> b = writer.submit(1, "u1", conv10, "p", "same", "x");
        MessageWriter.Result later = send(1, conv10, "same");

        assertThat(a.get().duplicate()).isFalse();
        assertThat(b.get().duplicate()).isTrue();
        assertThat(later.duplicate()).isTrue();
        assertThat(b.get().message()).isEqualTo(a.get().message());
        assertThat(store.latestMessageSeq(conv10)).isEqualTo(1);
        assertThat(send(2, conv10, "same").duplicate()).as("another sender may reuse the id").isFalse();
    }

    @Test
    void aFailedCommitAcknowledgesNothingAndTheNextCommitHasNoGap() throws Exception {
        send(1, conv10, "ok-1");
        store.failNext.set(true);

        assertThatThrownBy(() -> send(1, conv10, "lost")).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        MessageWriter.Result retried = send(1, conv10, "lost");

        assertThat(retried.duplicate()).isFalse();
        assertThat(retried.message().seq()).isEqualTo(2);
        assertThat(store.events(1, 0, 10)).extracting(Event::seq).containsExactly(1L, 2L);
    }

    @Test
    void eventsArePublishedOnlyAfterTheyAreStored() throws Exception {
        send(1, conv10, "p1");

        synchronized (published) {
            assertThat(published).hasSize(2);
        }
        assertThat(List.copyOf(published)).allSatisfy(e -> assertThat(store.events(e.userId(), e.event().seq() - 1, 1)).hasSize(1));
    }

    @Test
    void nonMembersCannotSendEvenIfTheyGetPastTheFrontDoor() {
        assertThatThrownBy(() -> send(3, conv10, "intruder")).cause().isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void sendsAfterCloseAreRefusedAsUnavailable() {
        writer.close();

        assertThatThrownBy(() -> send(1, conv10, "late")).cause().isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    @Test
    void sendsArrivingWithinTheCommitWindowShareOneCommit() throws Exception {
        writer.close();
        writer = new MessageWriter(store, new Memberships(accounts), new EventHub(), CLOCK, java.time.Duration.ofSeconds(2));
        send(1, conv10, "first"); // the writer was idle: committed at once
        int before = store.commits.get();

        List<CompletableFuture<MessageWriter.Result>> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(writer.submit(1, "u1", conv10, "peer", "burst" + i, "b"));
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000); // paced over 0.4 s, well inside the window
        }
        CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(store.commits.get() - before).isEqualTo(1);
        assertThat(burst.stream().map(f -> f.join().message().seq()).toList())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(2, 21).boxed().toList());
    }

    /** A real store whose next commit can be made to fail, as a full disk would. */
    private static final class FailingStore implements HistoryStore {
        final AtomicBoolean failNext = new AtomicBoolean();
        final java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
        private final HistoryStore delegate;

        FailingStore(HistoryStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void commit(List<NewMessage> messages, List<UserEvent> events, List<Marker> markers)
                throws StoreException {
            if (failNext.getAndSet(false)) {
                throw new StoreException("disk full (simulated)", null);
            }
            delegate.commit(messages, events, markers);
            commits.incrementAndGet();
        }

        @Override
        public Marker marker(long conversationId, long userId) {
            return delegate.marker(conversationId, userId);
        }

        @Override
        public List<Marker> markers(long conversationId) {
            return delegate.markers(conversationId);
        }

        @Override
        public long latestMessageSeq(long conversationId) {
            return delegate.latestMessageSeq(conversationId);
        }

        @Override
        public long latestEventSeq(long userId) {
            return delegate.latestEventSeq(userId);
        }

        @Override
        public Optional<dev.confab.protocol.Message> findSent(long senderId, String clientMsgId) {
            return delegate.findSent(senderId, clientMsgId);
        }

        @Override
        public List<dev.confab.protocol.Message> page(long conversationId, long beforeExclusive, int limit) {
            return delegate.page(conversationId, beforeExclusive, limit);
        }

        @Override
        public List<Event> events(long userId, long afterExclusive, int limit) {
            return delegate.events(userId, afterExclusive, limit);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
