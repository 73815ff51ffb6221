package dev.confab.server.chat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.Request;
import dev.confab.server.store.AccountStore;
import dev.confab.server.store.AccountStore.ConversationRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Group chats: create, rename, add and remove members (admins), leave. Every change runs on the writer
 * thread, in order with sends, so a removed member gets nothing sent after the removal and an added member
 * gets everything sent after the addition. Thread safe.
 */
public final class GroupService {
    /**
     * Group events list the members only for groups up to this size; a change to a bigger group would otherwise
     * write members² entries. Clients of big groups read the member list with {@code conversations}.
     */
    static final int EVENT_MEMBER_LIST_LIMIT = 100;
    private final Accounts accounts;
    private final Memberships memberships;
    private final Directory directory;
    private final MessageWriter writer;
    private final int maxMembers;

    public GroupService(Accounts accounts, Memberships memberships, Directory directory, MessageWriter writer,
                        int maxMembers) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.directory = directory;
        this.writer = writer;
        this.maxMembers = maxMembers;
    }

    public CompletableFuture<Info.Conversation> create(Session s, Request.CreateGroup r) {
        List<Long> members = userIds(r.members());
        members.remove(s.userId());
        requireWithinLimit(members.size() + 1);
        boolean share = r.shareHistory() == null || r.shareHistory();
        return writer.submit(ctx -> {
            long id = memberships.store().createGroup(r.name().strip(), s.userId(), members, share, ctx.now());
            ConversationRecord c = memberships.reload(id);
            return announce(ctx, c, "created", s, List.of(), directory.memberIds(c), s.userId());
        });
    }

    public CompletableFuture<Info.Conversation> rename(Session s, Request.RenameGroup r) {
        return writer.submit(ctx -> {
            requireAdmin(s, r.conversationId());
            memberships.store().renameGroup(r.conversationId(), r.name().strip());
            ConversationRecord c = memberships.reload(r.conversationId());
            return announce(ctx, c, "renamed", s, List.of(), directory.memberIds(c), s.userId());
        });
    }

    public CompletableFuture<Info.Conversation> addMembers(Session s, Request.AddMembers r) {
        List<Long> requested = userIds(r.usernames());
        return writer.submit(ctx -> {
            ConversationRecord before = requireAdmin(s, r.conversationId());
            Set<Long> existing = new LinkedHashSet<>(directory.memberIds(before));
            List<Long> added = requested.stream().filter(id -> !existing.contains(id)).toList();
            requireWithinLimit(existing.size() + added.size());
            if (added.isEmpty()) {
                return directory.conversation(before, s.userId());
            }
            long visibleFrom = before.shareHistory() ? 1 : ctx.latestMessageSeq(r.conversationId()) + 1;
            memberships.store().addMembers(r.conversationId(), added, visibleFrom, ctx.now());
            ConversationRecord c = memberships.reload(r.conversationId());
            return announce(ctx, c, "members_added", s, names(added), directory.memberIds(c), s.userId());
        });
    }

    public CompletableFuture<Info.Conversation> removeMember(Session s, Request.RemoveMember r) {
        long target = userIds(List.of(r.username())).get(0);
        return writer.submit(ctx -> {
            ConversationRecord before = requireAdmin(s, r.conversationId());
            if (before.members().stream().noneMatch(m -> m.userId() == target)) {
                throw new ProtocolException(ErrorCode.NOT_FOUND, r.username() + " is not a member");
            }
            if (target == s.userId()) {
                throw new ProtocolException(ErrorCode.INVALID_REQUEST, "use leave_group to leave");
            }
            memberships.store().removeMember(r.conversationId(), target);
            ConversationRecord c = memberships.reload(r.conversationId());
            List<Long> told = new ArrayList<>(directory.memberIds(c));
            told.add(target);
            return announce(ctx, c, "member_removed", s, names(List.of(target)), told, s.userId());
        });
    }

    public CompletableFuture<Long> leave(Session s, Request.LeaveGroup r) {
        return writer.submit(ctx -> {
            ConversationRecord before = requireGroupMember(s, r.conversationId());
            memberships.store().removeMember(r.conversationId(), s.userId());
            ConversationRecord c = memberships.reload(r.conversationId());
            if (c.members().stream().noneMatch(m -> "admin".equals(m.role())) && !c.members().isEmpty()) {
                // A group never ends up without an admin: the longest-standing member takes over.
                memberships.store().promote(c.id(), c.members().get(0).userId());
                c = memberships.reload(c.id());
            }
            List<Long> told = new ArrayList<>(directory.memberIds(c));
            told.add(s.userId());
            announce(ctx, c, "member_left", s, List.of(s.username()), told, s.userId());
            return before.id();
        });
    }

    private Info.Conversation announce(MessageWriter.Context ctx, ConversationRecord c, String change, Session actor,
                                       List<String> subjects, List<Long> recipients, long viewer) {
        for (long recipient : recipients) {
            Info.Conversation view = directory.conversation(c, recipient, ctx.latestMessageSeq(c.id()),
                    EVENT_MEMBER_LIST_LIMIT);
            ctx.emit(List.of(recipient), seq -> new Event.GroupEvent(seq, change, actor.username(), subjects, view));
        }
        return directory.conversation(c, viewer);
    }

    private ConversationRecord requireGroupMember(Session s, long conversationId) {
        ConversationRecord c = memberships.get(conversationId)
                .filter(r -> r.members().stream().anyMatch(m -> m.userId() == s.userId()))
                .orElseThrow(() -> new ProtocolException(ErrorCode.FORBIDDEN,
                        "not a member of conversation " + conversationId));
        if (!"group".equals(c.kind())) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "conversation " + conversationId + " is not a group");
        }
        return c;
    }

    private ConversationRecord requireAdmin(Session s, long conversationId) {
        ConversationRecord c = requireGroupMember(s, conversationId);
        boolean admin = c.members().stream().anyMatch(m -> m.userId() == s.userId() && "admin".equals(m.role()));
        if (!admin) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "only the group's admins can do this");
        }
        return c;
    }

    private void requireWithinLimit(int size) {
        if (size > maxMembers) {
            throw new ProtocolException(ErrorCode.LIMIT_EXCEEDED,
                    "a group can have at most " + maxMembers + " members");
        }
    }

    private List<Long> userIds(List<String> usernames) {
        java.util.Set<Long> ids = new LinkedHashSet<>();
        for (String name : usernames) {
            AccountStore.User u = accounts.user(name).orElseThrow(() ->
                    new ProtocolException(ErrorCode.NOT_FOUND, "no user named '" + name + "'"));
            ids.add(u.id());
        }
        return new ArrayList<>(ids);
    }

    private List<String> names(List<Long> ids) {
        return ids.stream().map(id -> accounts.user(id).map(AccountStore.User::username).orElse("?")).toList();
    }
}
