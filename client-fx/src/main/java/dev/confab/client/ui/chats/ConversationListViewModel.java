package dev.confab.client.ui.chats;

import dev.confab.client.ui.core.ChatGateway;
import dev.confab.client.ui.core.Texts;
import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.Message;
import dev.confab.protocol.ServerFrame;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The conversation list: every 1:1 chat and group from the local cache, newest activity first, filtered by
 * the search box, with unread counts, previews and the peers' presence. Works offline.
 */
public final class ConversationListViewModel implements ChatGateway.Listener {
    private final ChatGateway gateway;
    private final Clock clock;
    private final ZoneId zone;
    private final ObservableList<ConversationItem> all = FXCollections.observableArrayList();
    private final FilteredList<ConversationItem> visible = new FilteredList<>(all);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyObjectWrapper<ConversationItem> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyLongWrapper totalUnread = new ReadOnlyLongWrapper(this, "totalUnread");
    private final Map<String, String> presence = new HashMap<>();
    private final Map<Long, Info.Conversation> byId = new HashMap<>();
    private ConversationItem draft;
    /** A conversation to select once it appears in the list; 0 for none. */
    private long pendingOpen;

    public ConversationListViewModel(ChatGateway gateway, Clock clock, ZoneId zone) {
        this.gateway = gateway;
        this.clock = clock;
        this.zone = zone;
        filter.addListener((obs, old, text) -> visible.setPredicate(item -> matches(item, text)));
    }

    /** Re-reads the local cache; keeps the selection (a draft becomes its conversation once it has one). */
    public void refresh() {
        String me = gateway.me().orElse("");
        List<ConversationItem> items = new ArrayList<>();
        byId.clear();
        for (Info.Conversation c : gateway.cachedConversations()) {
            byId.put(c.conversationId(), c);
            items.add(toItem(c, me));
        }
        if (draft != null && items.stream().anyMatch(i -> draft.peer().equals(i.peer()) && !i.group())) {
            String peer = draft.peer();
            draft = null;
            if (selected.get() != null && selected.get().draft()) {
                selected.set(items.stream().filter(i -> peer.equals(i.peer()) && !i.group()).findFirst().orElse(null));
            }
        }
        if (draft != null) {
            items.add(0, draft);
        }
        all.setAll(items);
        totalUnread.set(items.stream().mapToLong(ConversationItem::unread).sum());
        ConversationItem current = selected.get();
        if (current != null) {
            selected.set(items.stream().filter(i -> i.key().equals(current.key())).findFirst().orElse(null));
        }
        if (pendingOpen != 0) {
            long wanted = pendingOpen;
            items.stream().filter(i -> i.conversationId() == wanted).findFirst().ifPresent(i -> {
                pendingOpen = 0;
                selected.set(i);
            });
        }
    }

    /** Opens the 1:1 chat with {@code username}: the existing one, or a draft at the top of the list. */
    public void openDirect(String username, String displayName) {
        Optional<ConversationItem> existing = all.stream()
                .filter(i -> !i.group() && username.equals(i.peer())).findFirst();
        if (existing.isPresent()) {
            select(existing.get());
            return;
        }
        draft = new ConversationItem(0, username, displayName == null ? username : displayName, false,
                "No messages yet", "", clock.millis(), 0, presence.get(username));
        refresh();
        select(draft);
    }

    /**
     * Selects a conversation; if the list does not have it yet (a group just created, whose event has not been
     * applied), it is selected as soon as a refresh brings it.
     */
    public void openConversation(long conversationId) {
        Optional<ConversationItem> item = all.stream().filter(i -> i.conversationId() == conversationId).findFirst();
        if (item.isPresent()) {
            pendingOpen = 0;
            select(item.get());
        } else {
            pendingOpen = conversationId;
        }
    }

    public void select(ConversationItem item) {
        selected.set(item);
    }

    /** Moves the selection by {@code step} through the visible (filtered) list, wrapping around. */
    public void selectRelative(int step) {
        if (visible.isEmpty()) {
            return;
        }
        int index = selected.get() == null ? -1 : indexOfKey(selected.get().key());
        int next = index < 0 ? (step > 0 ? 0 : visible.size() - 1) : Math.floorMod(index + step, visible.size());
        select(visible.get(next));
    }

    /** The cached conversation behind an item; empty for drafts. */
    public Optional<Info.Conversation> conversation(long conversationId) {
        return Optional.ofNullable(byId.get(conversationId));
    }

    public String presenceOf(String username) {
        return presence.get(username);
    }

    /** Presence learnt from a lookup (the server pushes only changes). */
    public void setPresence(String username, String status) {
        presence.put(username, status);
        for (int i = 0; i < all.size(); i++) {
            ConversationItem item = all.get(i);
            if (!item.group() && username.equals(item.peer())) {
                all.set(i, item.withPresence(status));
            }
        }
    }

    @Override
    public void onConversationsChanged() {
        refresh();
    }

    @Override
    public void onEvents(List<Event> events) {
        if (events.stream().anyMatch(e -> !(e instanceof Event.Unknown))) {
            refresh();
        }
    }

    @Override
    public void onPresence(ServerFrame.Presence p) {
        setPresence(p.username(), p.status());
    }

    private ConversationItem toItem(Info.Conversation c, String me) {
        boolean group = "group".equals(c.kind());
        String title = group ? c.name() : directTitle(c, me);
        Message last = c.lastMessage();
        String preview = last == null ? (group ? "Group created" : "No messages yet") : previewOf(last, group, me, c);
        long activity = last == null ? 0 : last.sentAt();
        String time = last == null ? "" : Texts.listTime(last.sentAt(), clock.instant(), zone);
        return new ConversationItem(c.conversationId(), group ? null : c.peer(), title, group, preview, time,
                activity, c.unread(), group ? null : presence.get(c.peer()));
    }

    private static String directTitle(Info.Conversation c, String me) {
        if (c.peer() == null || c.peer().equals(me)) {
            return "Note to self";
        }
        return c.members().stream().filter(m -> c.peer().equals(m.username()) && m.displayName() != null)
                .map(Info.Member::displayName).findFirst().orElse(c.peer());
    }

    private static String previewOf(Message m, boolean group, String me, Info.Conversation c) {
        String text = Texts.preview(m.body(), 80);
        if (m.from().equals(me)) {
            return "You: " + text;
        }
        if (group) {
            String name = c.members().stream().filter(x -> x.username().equals(m.from()) && x.displayName() != null)
                    .map(Info.Member::displayName).findFirst().orElse(m.from());
            return name + ": " + text;
        }
        return text;
    }

    private int indexOfKey(String key) {
        for (int i = 0; i < visible.size(); i++) {
            if (visible.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(ConversationItem item, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        return item.title().toLowerCase(Locale.ROOT).contains(needle)
                || (item.peer() != null && item.peer().contains(needle))
                || item.preview().toLowerCase(Locale.ROOT).contains(needle);
    }

    public ObservableList<ConversationItem> items() {
        return visible;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyObjectProperty<ConversationItem> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty totalUnreadProperty() {
        return totalUnread.getReadOnlyProperty();
    }
}
