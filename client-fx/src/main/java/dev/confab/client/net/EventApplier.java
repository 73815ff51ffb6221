package dev.confab.client.net;

import dev.confab.client.store.Applied;
import dev.confab.client.store.LocalStore;
import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies the user's event stream to the local store exactly once and in seq order: events at or below the
 * cursor are skipped (a second stream during a transport switch repeats them), a gap is refused. Stores every
 * event's effect (messages, conversations, markers) and the new cursor in one transaction, then tells the
 * listeners; an own message seen in the stream also counts as its acknowledgement (it leaves the outbox in
 * that same transaction, so no listener ever sees it both applied and still queued), a message from someone
 * else is reported delivered, and a conversation first seen through a message triggers a list refresh.
 * Confined to the engine's loop.
 */
final class EventApplier {
    private final LocalStore store;
    private final Callbacks callbacks;
    private final DeliveryReceipts receipts;
    private final ConversationSync sync;
    private String username;
    private long cursor;

    EventApplier(LocalStore store, Callbacks callbacks, DeliveryReceipts receipts, ConversationSync sync) {
        this.store = store;
        this.callbacks = callbacks;
        this.receipts = receipts;
        this.sync = sync;
    }

    /** Starts applying for {@code signedInAs} from the stored cursor. */
    void begin(String signedInAs) {
        username = signedInAs;
        cursor = store.cursor();
    }

    /** The seq of the last applied event: a new link subscribes after it. */
    long cursor() {
        return cursor;
    }

    /** The server no longer has our position: start the stream over (messages already stored stay). */
    void startOver() {
        store.resetCursor();
        cursor = 0;
    }

    /** Applies what continues the stream; returns the failure if the batch skips an event. */
    Optional<LinkFailure> apply(List<Event> events) {
        List<Event> fresh = new ArrayList<>(events.size());
        LinkFailure gap = null;
        long next = cursor;
        for (Event event : events) {
            if (event.seq() <= next) {
                continue;
            }
            if (event.seq() != next + 1) {
                gap = new LinkFailure(LinkFailure.Reason.PROTOCOL, "gap: event " + event.seq() + " after " + next);
                break;
            }
            fresh.add(event);
            next = event.seq();
        }
        if (!fresh.isEmpty()) {
            Applied applied = store.apply(fresh);
            cursor = next;
            callbacks.events(fresh);
            for (Message m : applied.acknowledged()) {
                callbacks.acknowledged(m.clientMsgId(), m.conversationId(), m.seq());
            }
            boolean conversationsChanged = false;
            for (Event event : fresh) {
                conversationsChanged |= event instanceof Event.MessageEvent || event instanceof Event.GroupEvent
                        || event instanceof Event.ReceiptEvent || event instanceof Event.ProfileEvent;
                if (event instanceof Event.MessageEvent e && !username.equals(e.message().from())) {
                    receipts.received(e.message().conversationId(), e.message().seq());
                }
            }
            if (conversationsChanged) {
                callbacks.conversationsChanged();
            }
            if (!applied.unknownConversations().isEmpty()) {
                sync.refreshSoon();
            }
        }
        return Optional.ofNullable(gap);
    }
}
