package dev.confab.server.chat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.Request;
import dev.confab.server.store.AccountStore;
import dev.confab.server.store.HistoryStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

/** Sending, history and the event stream, authorised against conversation membership. Thread safe. */
public final class ChatService {
    private final AccountStore accountStore;
    private final HistoryStore historyStore;
    private final Accounts accounts;
    private final MessageWriter writer;
    private final EventHub hub;
    private final Executor deliveryExecutor;
    private final ConcurrentMap<Long, List<Long>> members = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> directs = new ConcurrentHashMap<>();

    public ChatService(AccountStore accountStore, HistoryStore historyStore, Accounts accounts, MessageWriter writer,
                       EventHub hub, Executor deliveryExecutor) {
        this.accountStore = accountStore;
        this.historyStore = historyStore;
        this.accounts = accounts;
        this.writer = writer;
        this.hub = hub;
        this.deliveryExecutor = deliveryExecutor;
    }

    /** Resolves the conversation (blocking, on the caller's thread) and queues the message for the writer. */
    public CompletableFuture<MessageWriter.Result> send(Session session, Request.Send send) {
        long conversationId;
        String to;
        if (send.to() != null) {
            AccountStore.User peer = accounts.user(send.to())
                    .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "no user named '" + send.to() + "'"));
            conversationId = direct(session.userId(), peer.id());
            to = peer.username();
        } else {
            conversationId = send.conversationId();
            List<Long> convMembers = requireMember(session, conversationId);
            to = peerName(session, convMembers);
        }
        return writer.submit(session.userId(), session.username(), conversationId, members(conversationId), to,
                send.clientMsgId(), send.body());
    }

    public HistoryPage history(Session session, Request.History request) {
        requireMember(session, request.conversationId());
        long before = request.before() != null ? request.before() : Long.MAX_VALUE;
        List<Message> page = historyStore.page(request.conversationId(), before, request.limit() + 1);
        boolean hasMore = page.size() > request.limit();
        return new HistoryPage(hasMore ? page.subList(1, page.size()) : page, hasMore);
    }

    public EventsPage events(Session session, long after, int limit) {
        long latest = historyStore.latestEventSeq(session.userId());
        if (after > latest) {
            throw new ProtocolException(ErrorCode.BAD_CURSOR,
                    "cursor " + after + " is beyond the newest event " + latest + "; resync from 0");
        }
        List<Event> events = historyStore.events(session.userId(), after, limit);
        long last = events.isEmpty() ? after : events.get(events.size() - 1).seq();
        return new EventsPage(events, latest, last < latest);
    }

    /** Starts streaming the user's events after {@code after} to the connection; returns the newest seq. */
    public long subscribe(Session session, long after, Connection connection) {
        long latest = historyStore.latestEventSeq(session.userId());
        if (after > latest) {
            throw new ProtocolException(ErrorCode.BAD_CURSOR,
                    "cursor " + after + " is beyond the newest event " + latest + "; resync from 0");
        }
        EventPump pump = new EventPump(session.userId(), after, historyStore, deliveryExecutor, connection::push);
        hub.subscribe(session.userId(), pump);
        connection.attach(() -> {
            hub.unsubscribe(session.userId(), pump);
            pump.stop();
        });
        pump.start();
        return latest;
    }

    public EventHub hub() {
        return hub;
    }

    private long direct(long a, long b) {
        String key = Math.min(a, b) + ":" + Math.max(a, b);
        return directs.computeIfAbsent(key, k -> accountStore.directConversation(a, b));
    }

    private List<Long> members(long conversationId) {
        return members.computeIfAbsent(conversationId, accountStore::members);
    }

    private List<Long> requireMember(Session session, long conversationId) {
        List<Long> m = members.get(conversationId);
        if (m == null) {
            m = accountStore.members(conversationId);
            if (!m.isEmpty()) {
                members.put(conversationId, m);
            }
        }
        if (!m.contains(session.userId())) {
            // Same answer whether or not the conversation exists, so ids cannot be probed.
            throw new ProtocolException(ErrorCode.FORBIDDEN, "not a member of conversation " + conversationId);
        }
        return m;
    }

    private String peerName(Session session, List<Long> convMembers) {
        long peer = convMembers.stream().filter(id -> id != session.userId()).findFirst().orElse(session.userId());
        return accounts.user(peer).map(AccountStore.User::username).orElse(null);
    }

    public record HistoryPage(List<Message> messages, boolean hasMore) {
    }

    public record EventsPage(List<Event> events, long latestSeq, boolean hasMore) {
    }
}
