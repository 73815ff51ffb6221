package dev.confab.client.ui.notify;

import dev.confab.client.ui.core.ChatGateway;
import dev.confab.client.ui.core.Texts;
import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.Message;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Decides which messages deserve a notification: from someone else, in a conversation the user is not
 * looking at, not yet read (here or on another device), notifications on. A read marker that passes a toast
 * withdraws it, so a message read on another device never lingers.
 */
public final class NotificationsViewModel implements ChatGateway.Listener {
    static final long TOAST_MILLIS = 6000;
    static final int MAX_TOASTS = 3;

    private final ChatGateway gateway;
    private final Clock clock;
    private final Consumer<Toast> system;
    private final ObservableList<Toast> toasts = FXCollections.observableArrayList();
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", true);
    private long viewing;
    private boolean focused = true;

    /** @param system also shows a toast outside the window (the system tray), or does nothing */
    public NotificationsViewModel(ChatGateway gateway, Clock clock, Consumer<Toast> system) {
        this.gateway = gateway;
        this.clock = clock;
        this.system = system;
    }

    /** The conversation in view (0 for none) and whether the window has the focus. */
    public void setViewing(long conversationId, boolean windowFocused) {
        viewing = conversationId;
        focused = windowFocused;
        if (focused) {
            toasts.removeIf(t -> t.conversationId() == conversationId);
        }
    }

    @Override
    public void onEvents(List<Event> events) {
        String me = gateway.me().orElse("");
        Map<Long, Long> readByMe = new HashMap<>();
        for (Event e : events) {
            if (e instanceof Event.ReceiptEvent r && r.username().equals(me)) {
                readByMe.merge(r.conversationId(), r.read(), Math::max);
            }
        }
        readByMe.forEach((conversation, read) -> toasts.removeIf(t -> t.conversationId() == conversation && t.seq() <= read));
        Map<Long, Info.Conversation> cache = null;
        for (Event e : events) {
            if (!(e instanceof Event.MessageEvent event) || !enabled.get()) {
                continue;
            }
            Message m = event.message();
            if (m.from().equals(me) || (m.conversationId() == viewing && focused)
                    || m.seq() <= readByMe.getOrDefault(m.conversationId(), 0L)) {
                continue;
            }
            if (cache == null) {
                cache = new HashMap<>();
                for (Info.Conversation c : gateway.cachedConversations()) {
                    cache.put(c.conversationId(), c);
                }
            }
            Info.Conversation c = cache.get(m.conversationId());
            if (c != null && m.seq() <= c.readSeq()) {
                continue;
            }
            show(m, c);
        }
    }

    public void dismiss(Toast toast) {
        toasts.remove(toast);
    }

    /** Drops toasts older than a few seconds; call about once a second. */
    public void tick() {
        long now = clock.millis();
        toasts.removeIf(t -> now - t.shownAt() >= TOAST_MILLIS);
    }

    private void show(Message m, Info.Conversation c) {
        String sender = c == null ? m.from() : c.members().stream()
                .filter(x -> x.username().equals(m.from()) && x.displayName() != null)
                .map(Info.Member::displayName).findFirst().orElse(m.from());
        boolean group = c != null && "group".equals(c.kind());
        String title = group ? sender + " in " + c.name() : sender;
        int count = 1;
        for (int i = 0; i < toasts.size(); i++) {
            if (toasts.get(i).conversationId() == m.conversationId()) {
                count += toasts.remove(i).count();
                break;
            }
        }
        String body = Texts.preview(m.body(), 120) + (count > 1 ? "  (" + count + " new)" : "");
        Toast toast = new Toast(m.conversationId(), m.seq(), title, body, count, clock.millis());
        toasts.add(toast);
        while (toasts.size() > MAX_TOASTS) {
            toasts.remove(0);
        }
        if (!focused) {
            system.accept(toast);
        }
    }

    public ObservableList<Toast> toasts() {
        return toasts;
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }
}
