package dev.confab.server.chat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.store.AccountStore.ConversationRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Typing indicators: ephemeral pushes to the other members' live connections, expiring on their own after
 * {@link #TTL}. At most one per user and conversation per {@link #MIN_INTERVAL}; more is {@code rate_limited}.
 */
public final class TypingService {
    static final Duration TTL = Duration.ofSeconds(6);
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private final ChatService chat;
    private final Directory directory;
    private final Connections connections;
    private final Clock clock;
    private final ConcurrentMap<String, Long> lastSent = new ConcurrentHashMap<>();

    public TypingService(ChatService chat, Directory directory, Connections connections, Clock clock) {
        this.chat = chat;
        this.directory = directory;
        this.connections = connections;
        this.clock = clock;
    }

    public void typing(Session s, long conversationId) {
        ConversationRecord c = chat.requireMember(s, conversationId);
        long now = clock.millis();
        String key = s.userId() + ":" + conversationId;
        boolean[] allowed = {false};
        lastSent.compute(key, (k, previous) -> {
            allowed[0] = previous == null || now - previous >= MIN_INTERVAL.toMillis();
            return allowed[0] ? now : previous;
        });
        if (!allowed[0]) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "typing at most once per second per conversation");
        }
        if (lastSent.size() > 100_000) {
            lastSent.values().removeIf(t -> now - t > TTL.toMillis());
        }
        List<Long> others = directory.memberIds(c).stream().filter(id -> id != s.userId()).toList();
        connections.push(others, new ServerFrame.TypingNotice(conversationId, s.username(), now + TTL.toMillis()));
    }
}
