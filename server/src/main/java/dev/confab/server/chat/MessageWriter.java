package dev.confab.server.chat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import dev.confab.protocol.ProtocolException;
import dev.confab.server.store.HistoryStore;
import dev.confab.server.store.HistoryStore.NewMessage;
import dev.confab.server.store.HistoryStore.UserEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the history store. It takes sends in arrival order, assigns each conversation's
 * dense message seq and each member's dense event seq, deduplicates on (sender, clientMsgId), and commits
 * everything queued meanwhile in one fsynced batch (group commit). A send's future completes only after
 * its batch is durable; then the new events are published to the {@link EventHub}.
 * <p>Only the writer thread touches the sequence counters, so they need no locks.
 */
public final class MessageWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);
    private static final int MAX_BATCH = 512;
    private static final Command STOP = new Command(0, null, 0, List.of(), null, null, null);

    private final HistoryStore store;
    private final EventHub hub;
    private final Clock clock;
    private final BlockingQueue<Command> queue = new LinkedBlockingQueue<>();
    private final Map<Long, Long> conversationSeqs = new HashMap<>();
    private final Map<Long, Long> eventSeqs = new HashMap<>();
    private final Thread thread;
    private volatile boolean accepting = true;

    public MessageWriter(HistoryStore store, EventHub hub, Clock clock) {
        this.store = store;
        this.hub = hub;
        this.clock = clock;
        this.thread = new Thread(this::run, "confab-writer");
        this.thread.start();
    }

    /**
     * Queues a message. Completes with the stored message and whether it was a duplicate, or exceptionally
     * with a {@link ProtocolException} ({@code unavailable}) if it could not be made durable.
     */
    public CompletableFuture<Result> submit(long senderId, String from, long conversationId, List<Long> members,
                                            String to, String clientMsgId, String body) {
        Command command = new Command(senderId, from, conversationId, members, to, clientMsgId, body);
        if (!accepting) {
            command.result.completeExceptionally(unavailable("server is shutting down"));
        } else {
            queue.add(command);
        }
        return command.result;
    }

    /** Stops taking new sends, commits what is queued, and ends the writer thread. */
    @Override
    public void close() {
        accepting = false;
        queue.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Command> batch = new ArrayList<>(MAX_BATCH);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
            } catch (InterruptedException e) {
                break;
            }
            stopping = batch.remove(STOP);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
        }
        for (Command left; (left = queue.poll()) != null; ) {
            if (left != STOP) {
                left.result.completeExceptionally(unavailable("server is shutting down"));
            }
        }
    }

    private void commit(List<Command> batch) {
        long now = clock.millis();
        List<NewMessage> messages = new ArrayList<>();
        List<UserEvent> events = new ArrayList<>();
        Map<String, Message> inBatch = new HashMap<>();
        Map<Command, Result> results = new LinkedHashMap<>();
        try {
            for (Command c : batch) {
                String dedupKey = c.senderId + "/" + c.clientMsgId;
                Message existing = inBatch.get(dedupKey);
                if (existing == null) {
                    existing = store.findSent(c.senderId, c.clientMsgId).orElse(null);
                }
                if (existing != null) {
                    results.put(c, new Result(existing, true));
                    continue;
                }
                long seq = next(conversationSeqs, c.conversationId, store::latestMessageSeq);
                Message message = new Message(c.conversationId, seq, c.from, c.to, c.clientMsgId, c.body, now);
                inBatch.put(dedupKey, message);
                messages.add(new NewMessage(c.senderId, message));
                for (long member : c.members) {
                    long eventSeq = next(eventSeqs, member, store::latestEventSeq);
                    events.add(new UserEvent(member, new Event.MessageEvent(eventSeq, message)));
                }
                results.put(c, new Result(message, false));
            }
            if (!messages.isEmpty()) {
                store.commit(messages, events);
            }
        } catch (HistoryStore.StoreException | RuntimeException e) {
            log.error("history commit of {} sends failed; none acknowledged", batch.size(), e);
            // Counters may have advanced past what is stored: reload them from the store on next use.
            conversationSeqs.clear();
            eventSeqs.clear();
            batch.forEach(c -> c.result.completeExceptionally(unavailable("message could not be stored; retry")));
            return;
        }
        results.forEach((c, r) -> c.result.complete(r));
        hub.publish(events);
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

    private static final class Command {
        final long senderId;
        final String from;
        final long conversationId;
        final List<Long> members;
        final String to;
        final String clientMsgId;
        final String body;
        final CompletableFuture<Result> result = new CompletableFuture<>();

        Command(long senderId, String from, long conversationId, List<Long> members, String to, String clientMsgId,
                String body) {
            this.senderId = senderId;
            this.from = from;
            this.conversationId = conversationId;
            this.members = members;
            this.to = to;
            this.clientMsgId = clientMsgId;
            this.body = body;
        }
    }
}
