package dev.confab.client.store;

import dev.confab.protocol.Info;
import dev.confab.protocol.Message;
import java.util.List;

/**
 * One cached conversation and the rules that keep it current. Counters only move forward, so applying the
 * same fact twice, or a server snapshot that is a little older than the events already applied, changes
 * nothing; unread is always {@code latestSeq - readSeq}, exactly as the server computes it.
 *
 * @param left a group this user is no longer a member of (removed or left): it stays listed, with no unread
 * @param lastActivity epoch ms of the newest message (0 if none); the list's sort key
 * @param metaCursor seq of the event that last set kind, name and members (0 if a conversations reply did)
 */
record ConversationRow(long id, String kind, String name, String peer, boolean shareHistory,
                       List<Info.Member> members, long latestSeq, long readSeq, boolean left, long lastActivity,
                       long metaCursor, Message lastMessage) {
    ConversationRow {
        members = List.copyOf(members);
    }

    /** A conversation first seen through one of its messages; a conversations refresh fills in the rest. */
    static ConversationRow fromMessage(Message m, String me) {
        boolean direct = m.to() != null;
        String peer = !direct ? null : m.from().equals(me) ? m.to() : m.from();
        return new ConversationRow(m.conversationId(), direct ? "direct" : "group", null, peer, true, List.of(),
                0, 0, false, 0, 0, null).withMessage(m, me);
    }

    /** An empty row for a conversation the server just described; apply the description with withSnapshot. */
    static ConversationRow blank(Info.Conversation c) {
        return new ConversationRow(c.conversationId(), c.kind(), c.name(), c.peer(), c.shareHistory(), c.members(),
                0, 0, false, 0, 0, null);
    }

    ConversationRow withMessage(Message m, String me) {
        boolean mine = m.from().equals(me);
        Message last = newer(lastMessage, m);
        // Sending moves the sender's read marker to the new message (server rule), so own messages are never unread.
        return new ConversationRow(id, kind, name, peer, shareHistory, members, Math.max(latestSeq, m.seq()),
                mine ? Math.max(readSeq, m.seq()) : readSeq, left, Math.max(lastActivity, m.sentAt()), metaCursor,
                last);
    }

    ConversationRow withRead(long read) {
        return new ConversationRow(id, kind, name, peer, shareHistory, members, latestSeq, Math.max(readSeq, read),
                left, lastActivity, metaCursor, lastMessage);
    }

    /**
     * Applies the server's description of the conversation, from the event with seq {@code eventSeq} (0 for a
     * conversations reply); {@code member} says whether this user is (still) in it. A group left keeps its
     * counters where they were. An empty member list (the server omits it in events of big groups) keeps the
     * members known so far.
     */
    ConversationRow withSnapshot(Info.Conversation c, boolean member, long eventSeq) {
        boolean nowLeft = !member;
        Message last = nowLeft ? lastMessage : newer(lastMessage, c.lastMessage());
        List<Info.Member> newMembers = c.members().isEmpty() && "group".equals(c.kind()) ? members : c.members();
        return new ConversationRow(id, c.kind(), c.name(), c.peer(), c.shareHistory(), newMembers,
                nowLeft ? latestSeq : Math.max(latestSeq, c.latestSeq()),
                nowLeft ? readSeq : Math.max(readSeq, c.readSeq()), nowLeft,
                Math.max(lastActivity, last == null ? 0 : last.sentAt()), Math.max(metaCursor, eventSeq), last);
    }

    /**
     * Merges a conversations reply (which lists only the user's conversations, with every member) asked for
     * when the local cursor was {@code askedAt}: its name and members win unless a group event after
     * {@code askedAt} already changed them here; counters take the maximum.
     */
    ConversationRow withReply(Info.Conversation c, long askedAt) {
        if (metaCursor <= askedAt) {
            return withSnapshot(c, true, 0);
        }
        Message last = newer(lastMessage, c.lastMessage());
        return new ConversationRow(id, kind, name, peer, shareHistory, members, Math.max(latestSeq, c.latestSeq()),
                Math.max(readSeq, c.readSeq()), left, Math.max(lastActivity, last == null ? 0 : last.sentAt()),
                metaCursor, last);
    }

    /** This user is no longer in the group (the server's list no longer has it). */
    ConversationRow asLeft() {
        return new ConversationRow(id, kind, name, peer, shareHistory, members, latestSeq, readSeq, true,
                lastActivity, metaCursor, lastMessage);
    }

    /** Without the named members (compared ignoring case). */
    ConversationRow without(List<String> usernames) {
        List<Info.Member> kept = members.stream()
                .filter(m -> usernames.stream().noneMatch(u -> u.equalsIgnoreCase(m.username()))).toList();
        return new ConversationRow(id, kind, name, peer, shareHistory, kept, latestSeq, readSeq, left, lastActivity,
                metaCursor, lastMessage);
    }

    /** A member's new display name (from a profile event); unchanged if they are not a member. */
    ConversationRow withProfile(Info.User user) {
        List<Info.Member> renamed = members.stream().map(m -> m.username().equals(user.username())
                ? new Info.Member(m.username(), user.displayName(), m.role()) : m).toList();
        return new ConversationRow(id, kind, name, peer, shareHistory, renamed, latestSeq, readSeq, left,
                lastActivity, metaCursor, lastMessage);
    }

    /** Same kind, name, peer, history setting and the very same member list (only counters may differ). */
    boolean describedLike(ConversationRow other) {
        return members == other.members && kind.equals(other.kind) && java.util.Objects.equals(name, other.name)
                && java.util.Objects.equals(peer, other.peer) && shareHistory == other.shareHistory;
    }

    Info.Conversation toInfo() {
        long unread = left ? 0 : Math.max(0, latestSeq - readSeq);
        return new Info.Conversation(id, kind, name, peer, shareHistory, members, latestSeq, readSeq, unread,
                lastMessage);
    }

    private static Message newer(Message a, Message b) {
        if (a == null) {
            return b;
        }
        return b == null || a.seq() >= b.seq() ? a : b;
    }
}
