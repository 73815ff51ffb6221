package dev.confab.server.chat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import dev.confab.protocol.ProtocolException;
import dev.confab.server.store.AccountStore.MemberRecord;
import dev.confab.server.store.HistoryStore;
import dev.confab.server.store.HistoryStore.Marker;
import dev.confab.server.store.HistoryStore.NewMessage;
import dev.confab.server.store.HistoryStore.UserEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the history store and of membership changes. It takes sends and changes in arrival
 * order, assigns each conversation's dense message seq and each user's dense event seq, deduplicates sends
 * on (sender, clientMsgId), fans a message out to the members it has at that point, and commits everything
 * queued meanwhile in one fsynced batch (group commit, at most one per {@link #COMMIT_WINDOW}). Once the batch is durable, a completer thread publishes
 * its events to the {@link EventHub} and then completes the futures, in commit order, while the writer already
 * gathers the next batch.
 * <p>Only the writer thread touches the counters and membership changes, so they need no locks.
 */
public final class MessageWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);
    private static final int MAX_BATCH = 512;
    /**
     * The least time between the end of one commit and the start of the next: sends arriving meanwhile share one
     * fsync (ADR 0014). A send that finds the writer idle for longer is committed at once, so only back-to-back
     * traffic waits. On the 2-core VM of docs/benchmarks.md this cut the server's CPU at 5,000 msg/s from 74 % to
     * 45-58 % of a core (fewer fsyncs, each costing a VM exit and two context switches).
     */
    public static final Duration COMMIT_WINDOW = Duration.ofMillis(1);
    private static final Object STOP = new Object();

    private final HistoryStore store;
    private final Memberships memberships;
    private final EventHub hub;
    private final Clock clock;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Map<Long, Long> conversationSeqs = new HashMap<>();
    private final Map<Long, Long> eventSeqs = new HashMap<>();
    private final Thread thread;
    /** Publishes committed events and completes futures, in commit order, so the writer can start the next batch. */
    private final java.util.concurrent.ExecutorService completer = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
                Thread t = new Thread(r, "confab-writer-completer");
                t.setDaemon(true);
                return t;
            });
    private volatile boolean accepting = true;
    private final long commitWindowNanos;
    /** Writer thread only: when the last commit (and its fsync) ended. */
    private long lastCommitEnd;

    public MessageWriter(HistoryStore store, Memberships memberships, EventHub hub, Clock clock) {
        this(store, memberships, hub, clock, COMMIT_WINDOW);
    }

    public MessageWriter(HistoryStore store, Memberships memberships, EventHub hub, Clock clock, Duration commitWindow) {
        this.commitWindowNanos = commitWindow.toNanos();
        this.store = store;
        this.memberships = memberships;
        this.hub = hub;
        this.clock = clock;
        this.thread = new Thread(this::run, "confab-writer");
        this.thread.start();
    }

    /** Queues a message; completes with the stored message, or exceptionally with a {@link ProtocolException}. */
    public CompletableFuture<Result> submit(long senderId, String from, long conversationId, String to,
                                            String clientMsgId, String body) {
        Send send = new Send(senderId, from, conversationId, to, clientMsgId, body, new CompletableFuture<>());
        enqueue(send, send.result);
        return send.result;
    }

    /**
     * Queues a change that runs on the writer thread, in order with sends (membership changes, markers,
     * profile and settings events). The change may block on the account store; it should be quick.
     */
    public <T> CompletableFuture<T> submit(Change<T> change) {
        ChangeCommand<T> command = new ChangeCommand<>(change, new CompletableFuture<>());
        enqueue(command, command.result);
        return command.result;
    }

    /** Stops taking new work, commits what is queued, and ends the writer thread. */
    @Override
    public void close() {
        accepting = false;
        queue.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            completer.shutdown();
            completer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void enqueue(Object command, CompletableFuture<?> result) {
        if (!accepting) {
            result.completeExceptionally(unavailable("server is shutting down"));
        } else {
            queue.add(command);
        }
    }

    private void run() {
        List<Object> batch = new ArrayList<>(MAX_BATCH);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
                long wait = lastCommitEnd + commitWindowNanos - System.nanoTime();
                if (wait > 0 && queue.size() < MAX_BATCH - 1) {
                    LockSupport.parkNanos(wait);
                }
                queue.drainTo(batch, MAX_BATCH - 1);
            } catch (InterruptedException e) {
                break;
            }
            stopping = batch.remove(STOP);
            if (!batch.isEmpty()) {
                commit(batch);
                lastCommitEnd = System.nanoTime();
            }
            batch.clear();
        }
        for (Object left; (left = queue.poll()) != null; ) {
            if (left instanceof Send s) {
                s.result.completeExceptionally(unavailable("server is shutting down"));
            } else if (left instanceof ChangeCommand<?> c) {
                c.result.completeExceptionally(unavailable("server is shutting down"));
            }
        }
    }

    private void commit(List<Object> batch) {
        Batch b = new Batch(clock.millis());
        List<Runnable> completions = new ArrayList<>();
        for (Object command : batch) {
            if (command instanceof Send send) {
                apply(send, b, completions);
            } else if (command instanceof ChangeCommand<?> change) {
                apply(change, b, completions);
            }
        }
        try {
            if (!b.messages.isEmpty() || !b.events.isEmpty() || !b.markers.isEmpty()) {
                store.commit(b.messages, b.events, new ArrayList<>(b.markers.values()));
            }
        } catch (HistoryStore.StoreException | RuntimeException e) {
            log.error("history commit of {} commands failed; none acknowledged", batch.size(), e);
            // Counters may have advanced past what is stored: reload them from the store on next use.
            conversationSeqs.clear();
            eventSeqs.clear();
            for (Object command : batch) {
                CompletableFuture<?> result = command instanceof Send s ? s.result : ((ChangeCommand<?>) command).result;
                result.completeExceptionally(unavailable("could not be stored; retry"));
            }
            return;
        }
        List<UserEvent> committed = b.events;
        completer.execute(() -> {
            hub.publish(committed);
            completions.forEach(Runnable::run);
        });
    }

    private void apply(Send c, Batch b, List<Runnable> completions) {
        String dedupKey = c.senderId + "/" + c.clientMsgId;
        Message existing = b.sentInBatch.get(dedupKey);
        try {
            if (existing == null) {
                existing = store.findSent(c.senderId, c.clientMsgId).orElse(null);
            }
            if (existing != null) {
                Result r = new Result(existing, true);
                completions.add(() -> c.result.complete(r));
                return;
            }
            List<MemberRecord> members = memberships.get(c.conversationId).map(r -> r.members()).orElse(List.of());
            if (members.stream().noneMatch(m -> m.userId() == c.senderId)) {
                c.result.completeExceptionally(new ProtocolException(ErrorCode.FORBIDDEN,
                        "not a member of conversation " + c.conversationId));
                return;
            }
            long seq = next(conversationSeqs, c.conversationId, store::latestMessageSeq);
            Message message = new Message(c.conversationId, seq, c.from, c.to, c.clientMsgId, c.body, b.now);
            b.sentInBatch.put(dedupKey, message);
            b.messages.add(new NewMessage(c.senderId, message));
            for (MemberRecord member : members) {
                b.emit(member.userId(), next(eventSeqs, member.userId(), store::latestEventSeq),
                        s -> new Event.MessageEvent(s, message));
            }
            // Sending implies having read everything before: the sender's markers move to the new message.
            b.markers.put(c.conversationId + ":" + c.senderId, new Marker(c.conversationId, c.senderId, seq, seq));
            Result r = new Result(message, false);
            completions.add(() -> c.result.complete(r));
        } catch (RuntimeException e) {
            c.result.completeExceptionally(e);
        }
    }

    private <T> void apply(ChangeCommand<T> c, Batch b, List<Runnable> completions) {
        try {
            T value = c.change.apply(new Context(b));
            completions.add(() -> c.result.complete(value));
        } catch (RuntimeException e) {
            c.result.completeExceptionally(e);
        }
    }

    private static long next(Map<Long, Long> counters, long id, java.util.function.LongUnaryOperator load) {
        long seq = counters.computeIfAbsent(id, load::applyAsLong) + 1;
        counters.put(id, seq);
        return seq;
    }

    private static ProtocolException unavailable(String message) {
        return new ProtocolException(ErrorCode.UNAVAILABLE, message);
    }

    /** The stored message, and whether the send repeated an earlier clientMsgId. */
    public record Result(Message message, boolean duplicate) {
    }

    /** Work that runs on the writer thread with access to {@link Context}. Throw to fail just this change. */
    @FunctionalInterface
    public interface Change<T> {
        T apply(Context context);
    }

    /** What a {@link Change} may do: read counters and markers, emit events, set markers. Writer thread only. */
    public final class Context {
        private final Batch batch;

        private Context(Batch batch) {
            this.batch = batch;
        }

        public long now() {
            return batch.now;
        }

        public Memberships memberships() {
            return memberships;
        }

        /** The conversation's newest message seq, including messages earlier in this batch. */
        public long latestMessageSeq(long conversationId) {
            return conversationSeqs.computeIfAbsent(conversationId, store::latestMessageSeq);
        }

        /** The marker as it will be after this batch. */
        public Marker marker(long conversationId, long userId) {
            Marker pending = batch.markers.get(conversationId + ":" + userId);
            return pending != null ? pending : store.marker(conversationId, userId);
        }

        public void setMarker(Marker marker) {
            batch.markers.put(marker.conversationId() + ":" + marker.userId(), marker);
        }

        /** Appends an event, built for its seq, to each user's stream. */
        public void emit(Iterable<Long> userIds, java.util.function.LongFunction<Event> event) {
            for (long user : userIds) {
                batch.emit(user, next(eventSeqs, user, store::latestEventSeq), event);
            }
        }
    }

    private static final class Batch {
        final long now;
        final List<NewMessage> messages = new ArrayList<>();
        final List<UserEvent> events = new ArrayList<>();
        final Map<String, Marker> markers = new java.util.LinkedHashMap<>();
        final Map<String, Message> sentInBatch = new HashMap<>();

        Batch(long now) {
            this.now = now;
        }

        void emit(long user, long seq, java.util.function.LongFunction<Event> event) {
            events.add(new UserEvent(user, event.apply(seq)));
        }
    }

    private record Send(long senderId, String from, long conversationId, String to, String clientMsgId, String body,
                        CompletableFuture<Result> result) {
    }

    private record ChangeCommand<T>(Change<T> change, CompletableFuture<T> result) {
    }
}
