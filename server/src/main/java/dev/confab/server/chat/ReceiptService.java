package dev.confab.server.chat;

import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.Request;
import dev.confab.server.store.AccountStore;
import dev.confab.server.store.AccountStore.ConversationRecord;
import dev.confab.server.store.HistoryStore;
import dev.confab.server.store.HistoryStore.Marker;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Delivery and read markers, unread counts and the conversation list. A marker is "every message up to this
 * seq"; markers only move forward. The marking user's devices always get the change (so unread counts agree on
 * every device); other members get it in 1:1 chats and in groups up to {@code receiptFanoutLimit} members
 * (larger groups ask with {@code receipts}). Thread safe.
 */
public final class ReceiptService {
    private final ChatService chat;
    private final Directory directory;
    private final HistoryStore history;
    private final Accounts accounts;
    private final MessageWriter writer;
    private final int receiptFanoutLimit;

    public ReceiptService(ChatService chat, Directory directory, HistoryStore history, Accounts accounts,
                          MessageWriter writer, int receiptFanoutLimit) {
        this.chat = chat;
        this.directory = directory;
        this.history = history;
        this.accounts = accounts;
        this.writer = writer;
        this.receiptFanoutLimit = receiptFanoutLimit;
    }

    public CompletableFuture<Marker> mark(Session s, Request.Mark r) {
        chat.requireMember(s, r.conversationId());
        return writer.submit(ctx -> {
            ConversationRecord c = chat.requireMember(s, r.conversationId());
            long latest = ctx.latestMessageSeq(r.conversationId());
            Marker old = ctx.marker(r.conversationId(), s.userId());
            long read = Math.max(old.read(), Math.min(latest, r.read() != null ? r.read() : 0));
            long delivered = Math.max(Math.max(old.delivered(), read),
                    Math.min(latest, r.delivered() != null ? r.delivered() : 0));
            Marker updated = new Marker(r.conversationId(), s.userId(), delivered, read);
            if (updated.equals(old)) {
                return old;
            }
            ctx.setMarker(updated);
            List<Long> told = "direct".equals(c.kind()) || c.members().size() <= receiptFanoutLimit
                    ? directory.memberIds(c) : List.of(s.userId());
            ctx.emit(told, seq -> new Event.ReceiptEvent(seq, r.conversationId(), s.username(), delivered, read));
            return updated;
        });
    }

    public List<Info.Receipt> receipts(Session s, long conversationId) {
        ConversationRecord c = chat.requireMember(s, conversationId);
        List<Marker> markers = history.markers(conversationId);
        return c.members().stream().map(m -> {
            Marker marker = markers.stream().filter(x -> x.userId() == m.userId()).findFirst()
                    .orElse(new Marker(conversationId, m.userId(), 0, 0));
            String name = accounts.user(m.userId()).map(AccountStore.User::username).orElse("?");
            return new Info.Receipt(name, marker.delivered(), marker.read());
        }).toList();
    }

    /** The caller's conversations, most recent activity first. */
    public List<Info.Conversation> conversations(Session s, Memberships memberships) {
        return memberships.store().conversationsOf(s.userId()).stream()
                .map(memberships::get).flatMap(java.util.Optional::stream)
                .map(c -> directory.conversation(c, s.userId()))
                .sorted(Comparator.comparingLong((Info.Conversation c) ->
                        c.lastMessage() != null ? c.lastMessage().sentAt() : 0).reversed())
                .toList();
    }
}
