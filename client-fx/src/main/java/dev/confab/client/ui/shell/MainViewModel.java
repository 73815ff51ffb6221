package dev.confab.client.ui.shell;

import dev.confab.client.net.ConnectionState;
import dev.confab.client.ui.chat.ChatViewModel;
import dev.confab.client.ui.chats.ConversationItem;
import dev.confab.client.ui.chats.ConversationListViewModel;
import dev.confab.client.ui.core.ChatGateway;
import dev.confab.client.ui.notify.NotificationsViewModel;
import dev.confab.client.ui.notify.Toast;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The main window: conversation list, the open chat, the connection banner and notifications, wired to one
 * gateway. The title carries the unread total.
 */
public final class MainViewModel implements ChatGateway.Listener {
    /** Presence is pushed only when it changes, so it is looked up for this many 1:1 peers on connect. */
    static final int PRESENCE_LOOKUPS = 50;

    private final ChatGateway gateway;
    private final ConversationListViewModel list;
    private final ChatViewModel chat;
    private final BannerViewModel banner;
    private final NotificationsViewModel notifications;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Confab");
    private boolean focused = true;

    public MainViewModel(ChatGateway gateway, Clock clock, ZoneId zone, Consumer<Toast> systemNotifier) {
        this.gateway = gateway;
        this.list = new ConversationListViewModel(gateway, clock, zone);
        this.chat = new ChatViewModel(gateway, clock, zone);
        this.banner = new BannerViewModel(clock, gateway::retryNow);
        this.notifications = new NotificationsViewModel(gateway, clock, systemNotifier);
        list.totalUnreadProperty().addListener((obs, old, total) -> renderTitle(total.longValue()));
        list.selectedProperty().addListener((obs, old, item) -> selected(old, item));
    }

    /** Shows what the local cache holds at once, then listens to the engine. */
    public void start() {
        gateway.addListener(list);
        gateway.addListener(chat);
        gateway.addListener(notifications);
        gateway.addListener(this);
        list.refresh();
        banner.setState(gateway.state());
        banner.setQueued(gateway.outbox().size());
        if (gateway.state() instanceof ConnectionState.Online) {
            connected();
        }
    }

    public void stop() {
        gateway.removeListener(this);
        gateway.removeListener(notifications);
        gateway.removeListener(chat);
        gateway.removeListener(list);
    }

    public void setWindowFocused(boolean value) {
        focused = value;
        viewingChanged();
    }

    public void tick() {
        banner.tick();
        chat.tick();
        notifications.tick();
    }

    public void retryNow() {
        gateway.retryNow();
    }

    /** Opens the conversation a toast announced. */
    public void openToast(Toast toast) {
        notifications.dismiss(toast);
        list.filterProperty().set("");
        list.openConversation(toast.conversationId());
    }

    @Override
    public void onStateChanged(ConnectionState state) {
        banner.setState(state);
        if (state instanceof ConnectionState.Online) {
            connected();
        }
    }

    @Override
    public void onEvents(List<Event> events) {
        banner.setQueued(gateway.outbox().size());
    }

    @Override
    public void onAcknowledged(String clientMsgId, long conversationId, long seq) {
        banner.setQueued(gateway.outbox().size());
    }

    @Override
    public void onSendFailed(String clientMsgId, ErrorCode code, String message) {
        banner.setQueued(gateway.outbox().size());
    }

    /** A message was queued from the chat view. */
    public void sent() {
        banner.setQueued(gateway.outbox().size());
    }

    private void connected() {
        gateway.refreshConversations();
        list.items().stream().filter(i -> !i.group() && i.peer() != null).limit(PRESENCE_LOOKUPS)
                .map(ConversationItem::peer).distinct()
                .forEach(peer -> gateway.findUser(peer).thenAccept(u -> list.setPresence(u.username(), u.presence())));
    }

    private void selected(ConversationItem old, ConversationItem item) {
        if (item == null) {
            chat.close();
        } else if (old == null || !old.key().equals(item.key()) || chat.conversationId() != item.conversationId()) {
            if (old != null && old.draft() && chat.conversationId() == item.conversationId() && item.conversationId() > 0) {
                viewingChanged();
                return; // the draft became this conversation: the chat already shows it
            }
            chat.show(item.conversationId(), item.peer(), item.group(), item.title(),
                    list.conversation(item.conversationId()).orElse(null));
        }
        viewingChanged();
    }

    private void viewingChanged() {
        long shown = list.selectedProperty().get() == null ? 0 : chat.conversationId();
        chat.setActive(focused && shown > 0);
        notifications.setViewing(shown, focused);
    }

    private void renderTitle(long unread) {
        title.set(unread > 0 ? "(" + unread + ") Confab" : "Confab");
    }

    public ConversationListViewModel list() {
        return list;
    }

    public ChatViewModel chat() {
        return chat;
    }

    public BannerViewModel banner() {
        return banner;
    }

    public NotificationsViewModel notifications() {
        return notifications;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }
}
