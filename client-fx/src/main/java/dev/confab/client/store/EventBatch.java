package dev.confab.client.store;

import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies stream events to the message, conversation, marker and outbox tables inside the caller's transaction:
 * each touched conversation is read once and written once, and an own message seen in the stream leaves the
 * outbox (it is acknowledged). Not thread safe; one batch per transaction.
 */
final class EventBatch {
    private final MessageRows messages;
    private final ConversationRows conversations;
    private final OutboxRows outbox;
    private final String me;
    private final List<Message> acknowledged = new ArrayList<>();
    private final Map<Long, ConversationRow> touched = new LinkedHashMap<>();
    private final Map<Long, ConversationRow> stored = new LinkedHashMap<>();
    private final Set<Long> incomplete = new LinkedHashSet<>();

    /** {@code me} is the signed-in username (null on a store that never had a session). */
    EventBatch(MessageRows messages, ConversationRows conversations, OutboxRows outbox, String me) {
        this.messages = messages;
        this.conversations = conversations;
        this.outbox = outbox;
        this.me = me;
    }

    void apply(Event event) throws SQLException {
        if (event instanceof Event.MessageEvent m) {
            message(m.message());
        } else if (event instanceof Event.GroupEvent g) {
            long id = g.conversation().conversationId();
            ConversationRow base = row(id).orElseGet(() -> ConversationRow.blank(g.conversation()));
            ConversationRow changed = base.withSnapshot(g.conversation(), stillMember(g), g.seq());
            if (g.conversation().members().isEmpty() && stillMember(g)) {
                // A big group: the event omits the member list. Apply removals; ask for the rest.
                touched.put(id, removesSomeone(g) ? changed.without(g.subjects()) : changed);
                incomplete.add(id);
            } else {
                touched.put(id, changed);
                incomplete.remove(id);
            }
        } else if (event instanceof Event.ReceiptEvent r) {
            conversations.raiseMarker(r.conversationId(), r.username(), r.delivered(), r.read());
            if (r.username().equals(me)) {
                row(r.conversationId()).ifPresent(c -> touched.put(c.id(), c.withRead(r.read())));
            }
        } else if (event instanceof Event.ProfileEvent p) {
            for (ConversationRow c : conversations.all()) {
                ConversationRow current = touched.getOrDefault(c.id(), c);
                if (current.members().stream().anyMatch(x -> x.username().equals(p.user().username()))) {
                    touched.put(c.id(), current.withProfile(p.user()));
                }
            }
        }
    }

    /** Writes the touched conversations; the returned ones need a refresh (name or members unknown). */
    Applied finish() throws SQLException {
        for (ConversationRow row : touched.values()) {
            ConversationRow before = stored.get(row.id());
            if (before != null && row.describedLike(before)) {
                conversations.putCounters(row); // the common case: a message or a read marker
            } else {
                conversations.put(row);
            }
        }
        return new Applied(incomplete, acknowledged);
    }

    private void message(Message m) throws SQLException {
        messages.put(m);
        if (m.from().equals(me) && m.clientMsgId() != null && outbox.remove(m.clientMsgId())) {
            acknowledged.add(m);
        }
        // The server moves a sender's markers to their new message without a receipt event; so do we.
        conversations.raiseMarker(m.conversationId(), m.from(), m.seq(), m.seq());
        Optional<ConversationRow> known = row(m.conversationId());
        if (known.isPresent()) {
            touched.put(m.conversationId(), known.get().withMessage(m, me));
        } else {
            touched.put(m.conversationId(), ConversationRow.fromMessage(m, me));
            incomplete.add(m.conversationId());
        }
    }

    /**
     * Group events go to the members and to the one removed or leaving, so only that one is out. Subjects are
     * compared ignoring case: the server passes on the spelling of the admin's request.
     */
    private boolean stillMember(Event.GroupEvent g) {
        return !(removesSomeone(g) && g.subjects() != null
                && g.subjects().stream().anyMatch(s -> s.equalsIgnoreCase(me)));
    }

    private static boolean removesSomeone(Event.GroupEvent g) {
        return "member_removed".equals(g.change()) || "member_left".equals(g.change());
    }

    private Optional<ConversationRow> row(long id) throws SQLException {
        ConversationRow pending = touched.get(id);
        if (pending != null) {
            return Optional.of(pending);
        }
        Optional<ConversationRow> fromDisk = conversations.get(id);
        fromDisk.ifPresent(r -> stored.put(id, r));
        return fromDisk;
    }
}
