package dev.confab.client.ui.chat;

import dev.confab.client.store.OutboxEntry;
import dev.confab.client.ui.core.ChatGateway;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.Message;
import dev.confab.protocol.ServerFrame;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One open conversation: its messages (stored, then queued ones) with day separators, sending and retrying,
 * older history on demand, delivery status of the user's own messages, read markers, typing, and the header.
 */
public final class ChatViewModel implements ChatGateway.Listener {
    static final int PAGE = 50;

    private final ChatGateway gateway;
    private final Clock clock;
    private final ZoneId zone;
    private final ChatTimeline timeline = new ChatTimeline();
    private final ChatHeader header;
    private final ObservableList<ChatRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(this, "open");
    private final ReadOnlyBooleanWrapper canSend = new ReadOnlyBooleanWrapper(this, "canSend");
    private final ReadOnlyBooleanWrapper hasOlder = new ReadOnlyBooleanWrapper(this, "hasOlder");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private long conversationId;
    private String peer;
    private boolean group;
    private boolean loadingOlder;
    private boolean active;
    private long markedRead;
    private long typingSentAt;

    public ChatViewModel(ChatGateway gateway, Clock clock, ZoneId zone) {
        this.gateway = gateway;
        this.clock = clock;
        this.zone = zone;
        this.header = new ChatHeader(gateway, clock, zone);
    }

    /** Shows a conversation ({@code conversationId > 0}) or a new 1:1 chat with {@code peer} (id 0). */
    public void show(long conversationId, String peer, boolean group, String title, Info.Conversation info) {
        this.conversationId = conversationId;
        this.peer = peer;
        this.group = group;
        this.markedRead = 0;
        timeline.clear();
        error.set("");
        if (conversationId > 0) {
            gateway.cachedMessages(conversationId, PAGE).forEach(timeline::store);
        }
        for (OutboxEntry e : gateway.outbox()) {
            if (belongsHere(e)) {
                timeline.addPending(new ChatTimeline.Pending(e.clientMsgId(), e.body(), e.queuedAt(), false));
            }
        }
        for (OutboxEntry e : gateway.failedSends()) {
            if (belongsHere(e)) {
                timeline.addPending(new ChatTimeline.Pending(e.clientMsgId(), e.body(), e.queuedAt(), true));
            }
        }
        hasOlder.set(conversationId > 0 && (timeline.firstSeq() > 1 || timeline.lastSeq() == 0));
        header.show(conversationId, peer, group, title, info);
        open.set(true);
        canSend.set(conversationId == 0 || !gateway.hasLeft(conversationId));
        refreshDeliveries();
        render();
        markReadIfActive();
        if (timeline.lastSeq() == 0 && info != null && info.latestSeq() > 0) {
            loadOlder();
        }
    }

    public void close() {
        conversationId = 0;
        peer = null;
        timeline.clear();
        rows.clear();
        header.clear();
        open.set(false);
        canSend.set(false);
    }

    /** Queues {@code text} (trimmed) for sending; false if there was nothing to send or it is too long. */
    public boolean send(String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() || !canSend.get()) {
            return false;
        }
        if (body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > dev.confab.protocol.Limits.MAX_BODY_BYTES) {
            error.set("That message is too long (at most 16 KB).");
            return false;
        }
        error.set("");
        String id = conversationId > 0 ? gateway.sendToConversation(conversationId, body) : gateway.send(peer, body);
        timeline.addPending(new ChatTimeline.Pending(id, body, clock.millis(), false));
        render();
        return true;
    }

    /** Puts a refused message back into the outbox (same clientMsgId, so it can never be stored twice). */
    public void retry(String clientMsgId) {
        ChatTimeline.Pending p = timeline.removePending(clientMsgId);
        if (p != null && gateway.resend(clientMsgId)) {
            timeline.addPending(new ChatTimeline.Pending(p.clientMsgId(), p.body(), p.queuedAt(), false));
            error.set("");
        }
        render();
    }

    /** Loads the page before the oldest shown message (the user scrolled to the top). */
    public void loadOlder() {
        if (loadingOlder || !hasOlder.get() || conversationId <= 0) {
            return;
        }
        loadingOlder = true;
        long shown = conversationId;
        long before = timeline.firstSeq() == 0 ? Long.MAX_VALUE : timeline.firstSeq();
        gateway.olderMessages(conversationId, before, PAGE).whenComplete((page, failure) -> {
            loadingOlder = false;
            if (shown != conversationId) {
                return;
            }
            if (failure != null) {
                error.set("Older messages are not available offline.");
                return;
            }
            page.forEach(timeline::store);
            hasOlder.set(!page.isEmpty() && timeline.firstSeq() > 1);
            refreshDeliveries();
            render();
        });
    }

    /** The text in the composer changed: tell the others we are typing, at most every 3 s. */
    public void composing(String text) {
        if (conversationId > 0 && text != null && !text.isBlank() && clock.millis() - typingSentAt > 3000) {
            typingSentAt = clock.millis();
            gateway.typing(conversationId);
        }
    }

    /** Whether the user can see this chat now (window focused, chat shown): only then are messages read. */
    public void setActive(boolean value) {
        active = value;
        markReadIfActive();
    }

    public void tick() {
        header.tick();
    }

    @Override
    public void onEvents(List<Event> events) {
        boolean changed = false;
        for (Event e : events) {
            if (e instanceof Event.MessageEvent m && isHere(m.message())) {
                if (conversationId == 0) {
                    conversationId = m.message().conversationId();
                    header.conversationKnown(conversationId);
                }
                timeline.store(m.message());
                header.messageArrived(m.message().from());
                changed = true;
            } else if (e instanceof Event.ReceiptEvent r && r.conversationId() == conversationId) {
                changed = true;
            } else if (e instanceof Event.GroupEvent g && g.conversation().conversationId() == conversationId) {
                header.groupChanged(g.conversation());
                canSend.set(!gateway.hasLeft(conversationId));
            }
        }
        if (changed) {
            refreshDeliveries();
            render();
            markReadIfActive();
        }
    }

    @Override
    public void onAcknowledged(String clientMsgId, long ackConversationId, long seq) {
        if (conversationId == 0 && timeline.hasPending(clientMsgId)) {
            conversationId = ackConversationId;
            header.conversationKnown(conversationId);
        }
    }

    @Override
    public void onSendFailed(String clientMsgId, ErrorCode code, String message) {
        if (timeline.fail(clientMsgId)) {
            error.set(message == null ? "The server refused the message." : message);
            render();
        }
    }

    @Override
    public void onPresence(ServerFrame.Presence p) {
        header.presence(p);
    }

    @Override
    public void onTyping(ServerFrame.TypingNotice t) {
        if (t.conversationId() == conversationId) {
            header.typing(t);
        }
    }

    private boolean isHere(Message m) {
        if (conversationId > 0) {
            return m.conversationId() == conversationId;
        }
        String me = gateway.me().orElse("");
        return peer != null && m.to() != null
                && ((m.from().equals(me) && m.to().equals(peer)) || (m.from().equals(peer) && m.to().equals(me)));
    }

    private boolean belongsHere(OutboxEntry e) {
        return conversationId > 0 ? Objects.equals(e.conversationId(), conversationId)
                : e.to() != null && e.to().equals(peer);
    }

    private void refreshDeliveries() {
        if (conversationId <= 0) {
            return;
        }
        for (Message m : timeline.ownStored(gateway.me().orElse(""))) {
            timeline.setDelivery(m.seq(), gateway.status(conversationId, m.seq(), m.clientMsgId()));
        }
    }

    private void markReadIfActive() {
        long last = timeline.lastSeqFromOthers(gateway.me().orElse(""));
        if (active && conversationId > 0 && last > markedRead) {
            markedRead = last;
            gateway.markRead(conversationId, last);
        }
    }

    private void render() {
        RowDiff.apply(rows, timeline.rows(gateway.me().orElse(""), group, header::nameOf, zone, clock.instant()));
    }

    public ObservableList<ChatRow> rows() {
        return rows;
    }

    public ChatHeader header() {
        return header;
    }

    public long conversationId() {
        return conversationId;
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSendProperty() {
        return canSend.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasOlderProperty() {
        return hasOlder.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
