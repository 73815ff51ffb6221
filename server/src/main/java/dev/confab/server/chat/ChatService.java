package dev.confab.server.chat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.Request;
import dev.confab.server.store.AccountStore;
import dev.confab.server.store.AccountStore.ConversationRecord;
import dev.confab.server.store.AccountStore.MemberRecord;
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
    private final Memberships memberships;
    private final MessageWriter writer;
    private final EventHub hub;
    private final Executor deliveryExecutor;
    private final ConcurrentMap<String, Long> directs = new ConcurrentHashMap<>();

    public ChatService(AccountStore accountStore, HistoryStore historyStore, Accounts accounts,
                       Memberships memberships, MessageWriter writer, EventHub hub, Executor deliveryExecutor) {
        this.accountStore = accountStore;
        this.historyStore = historyStore;
        this.accounts = accounts;
        this.memberships = memberships;
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
            ConversationRecord conversation = requireMember(session, conversationId);
            to = "direct".equals(conversation.kind()) ? peerName(session, conversation) : null;
        }
        return writer.submit(session.userId(), session.username(), conversationId, to, send.clientMsgId(),
                send.body());
    }

    /** True when {@link #send} would find everything it looks up in memory, so it cannot block on the account store. */
    boolean resolvesFromMemory(Session session, Request.Send send) {
        if (send.to() != null) {
            return accounts.cachedUser(send.to())
                    .map(peer -> directs.containsKey(directKey(session.userId(), peer.id())))
                    .orElse(false);
        }
        return memberships.cached(send.conversationId()).map(c -> !"direct".equals(c.kind())
                || c.members().stream().allMatch(m -> accounts.cachedUser(m.userId()).isPresent())).orElse(false);
    }

    public HistoryPage history(Session session, Request.History request) {
        ConversationRecord conversation = requireMember(session, request.conversationId());
        long visibleFrom = member(conversation, session.userId()).visibleFrom();
        long before = request.before() != null ? request.before() : Long.MAX_VALUE;
        List<Message> page = historyStore.page(request.conversationId(), before, request.limit() + 1);
        page = page.stream().filter(m -> m.seq() >= visibleFrom).toList();
        boolean hasMore = page.size() > request.limit();
        return new HistoryPage(hasMore ? page.subList(1, page.size()) : page, hasMore);
    }

    public EventsPage events(Session session, long after, int limit) {
        List<Event> events = EventPump.withinBudget(historyStore.events(session.userId(), after, limit));
        // Read after the page, so latest is never older than the page's last event.
        long latest = historyStore.latestEventSeq(session.userId());
        if (after > latest) {
            throw new ProtocolException(ErrorCode.BAD_CURSOR,
                    "cursor " + after + " is beyond the newest event " + latest + "; resync from 0");
        }
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
        EventPump pump = new EventPump(session.userId(), after, historyStore, deliveryExecutor, connection);
        boolean attached = connection.attach(() -> {
            hub.unsubscribe(session.userId(), pump);
            pump.stop();
        });
        if (!attached) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "this connection is already subscribed");
        }
        hub.subscribe(session.userId(), pump);
        pump.start();
        return latest;
    }

    public EventHub hub() {
        return hub;
    }

    /** The conversation, if the caller is a member; {@code forbidden} otherwise, whether or not it exists. */
    public ConversationRecord requireMember(Session session, long conversationId) {
        return memberships.get(conversationId)
                .filter(c -> c.members().stream().anyMatch(m -> m.userId() == session.userId()))
                .orElseThrow(() -> new ProtocolException(ErrorCode.FORBIDDEN,
                        "not a member of conversation " + conversationId));
    }

    private long direct(long a, long b) {
        return directs.computeIfAbsent(directKey(a, b), k -> accountStore.directConversation(a, b));
    }

    private static String directKey(long a, long b) {
        return Math.min(a, b) + ":" + Math.max(a, b);
    }

    private String peerName(Session session, ConversationRecord conversation) {
        long peer = conversation.members().stream().mapToLong(MemberRecord::userId)
                .filter(id -> id != session.userId()).findFirst().orElse(session.userId());
        return accounts.user(peer).map(AccountStore.User::username).orElse(null);
    }

    static MemberRecord member(ConversationRecord conversation, long userId) {
        return conversation.members().stream().filter(m -> m.userId() == userId).findFirst()
                .orElseThrow(() -> new ProtocolException(ErrorCode.FORBIDDEN, "not a member"));
    }

    public record HistoryPage(List<Message> messages, boolean hasMore) {
    }

    public record EventsPage(List<Event> events, long latestSeq, boolean hasMore) {
    }
}
