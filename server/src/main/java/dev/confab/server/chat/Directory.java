package dev.confab.server.chat;

import dev.confab.protocol.Info;
import dev.confab.protocol.Message;
import dev.confab.server.store.AccountStore;
import dev.confab.server.store.AccountStore.ConversationRecord;
import dev.confab.server.store.AccountStore.MemberRecord;
import dev.confab.server.store.HistoryStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Builds the user and conversation descriptions that replies and events carry. Thread safe; blocking. */
public final class Directory {
    private final Accounts accounts;
    private final Memberships memberships;
    private final HistoryStore history;
    private final Presence presence;

    public Directory(Accounts accounts, Memberships memberships, HistoryStore history, Presence presence) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.history = history;
        this.presence = presence;
    }

    public Info.User user(long userId) {
        AccountStore.User u = accounts.user(userId).orElseThrow();
        Presence.Status s = presence.status(userId);
        return new Info.User(u.username(), u.displayName(), s.status(), "offline".equals(s.status()) ? s.lastSeen() : 0);
    }

    /** The conversation as {@code viewer} sees it, with their read marker and unread count. */
    public Info.Conversation conversation(ConversationRecord c, long viewer) {
        return conversation(c, viewer, history.latestMessageSeq(c.id()), Integer.MAX_VALUE);
    }

    /**
     * The conversation as {@code viewer} sees it, given its newest seq (the writer knows it before the store does);
     * the member list is left empty when the group has more than {@code memberListLimit} members.
     */
    public Info.Conversation conversation(ConversationRecord c, long viewer, long latest, int memberListLimit) {
        List<Info.Member> members = c.members().size() > memberListLimit ? List.of() : c.members().stream().map(m -> {
            AccountStore.User u = accounts.user(m.userId()).orElseThrow();
            return new Info.Member(u.username(), u.displayName(), m.role());
        }).toList();
        String peer = null;
        if ("direct".equals(c.kind())) {
            long peerId = c.members().stream().mapToLong(MemberRecord::userId).filter(id -> id != viewer)
                    .findFirst().orElse(viewer);
            peer = accounts.user(peerId).map(AccountStore.User::username).orElse(null);
        }
        MemberRecord self = c.members().stream().filter(m -> m.userId() == viewer).findFirst().orElse(null);
        long read = 0;
        long unread = 0;
        Message last = null;
        if (self != null) {
            read = Math.min(latest, Math.max(history.marker(c.id(), viewer).read(), self.visibleFrom() - 1));
            unread = Math.max(0, latest - read);
            List<Message> page = history.page(c.id(), Long.MAX_VALUE, 1);
            last = page.isEmpty() || page.get(0).seq() < self.visibleFrom() ? null : page.get(0);
        }
        return new Info.Conversation(c.id(), c.kind(), c.name(), peer, c.shareHistory(), members, latest, read,
                unread, last);
    }

    /** Everyone who should hear about a user's presence and profile: co-members and those who added them. */
    public Set<Long> audience(long userId) {
        Set<Long> audience = new LinkedHashSet<>(memberships.store().contactOwners(userId));
        for (long conversationId : memberships.store().conversationsOf(userId)) {
            memberships.get(conversationId).ifPresent(c -> c.members().forEach(m -> audience.add(m.userId())));
        }
        audience.remove(userId);
        return audience;
    }

    public List<Long> memberIds(ConversationRecord c) {
        return c.members().stream().map(MemberRecord::userId).toList();
    }
}
