package dev.confab.client.ui.chat;

import dev.confab.client.ui.core.ChatGateway;
import dev.confab.client.ui.core.Texts;
import dev.confab.protocol.Info;
import dev.confab.protocol.ServerFrame;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The top of a chat: its title, and a subtitle that tells the truth about the other side: who is typing,
 * else the peer's presence and last seen, else a group's member count.
 */
public final class ChatHeader {
    private final ChatGateway gateway;
    private final Clock clock;
    private final ZoneId zone;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper(this, "subtitle", "");
    private final ReadOnlyStringWrapper presence = new ReadOnlyStringWrapper(this, "presence");
    private final ReadOnlyBooleanWrapper group = new ReadOnlyBooleanWrapper(this, "group");
    private final ReadOnlyBooleanWrapper typing = new ReadOnlyBooleanWrapper(this, "typing");
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Long> typingUntil = new TreeMap<>();
    private long conversationId;
    private String peer;
    private String status;
    private long lastSeen;
    private int members;

    ChatHeader(ChatGateway gateway, Clock clock, ZoneId zone) {
        this.gateway = gateway;
        this.clock = clock;
        this.zone = zone;
    }

    void show(long conversationId, String peer, boolean isGroup, String name, Info.Conversation info) {
        this.conversationId = conversationId;
        this.peer = peer;
        this.status = null;
        this.lastSeen = 0;
        typingUntil.clear();
        names.clear();
        title.set(name);
        group.set(isGroup);
        if (info != null) {
            groupChanged(info);
            title.set(name);
        }
        if (peer != null && !isGroup) {
            gateway.findUser(peer).thenAccept(u -> {
                if (u.username().equals(this.peer)) {
                    names.put(u.username(), u.displayName() == null ? u.username() : u.displayName());
                    status = u.presence();
                    lastSeen = u.lastSeen();
                    render();
                }
            });
        }
        render();
    }

    void clear() {
        conversationId = 0;
        peer = null;
        title.set("");
        subtitle.set("");
        presence.set(null);
    }

    void conversationKnown(long id) {
        conversationId = id;
    }

    void groupChanged(Info.Conversation c) {
        members = c.members().size();
        c.members().forEach(m -> names.put(m.username(), m.displayName() == null ? m.username() : m.displayName()));
        if ("group".equals(c.kind()) && c.name() != null) {
            title.set(c.name());
        }
        render();
    }

    void presence(ServerFrame.Presence p) {
        if (p.username().equals(peer)) {
            status = p.status();
            lastSeen = p.lastSeen();
            render();
        }
    }

    void typing(ServerFrame.TypingNotice t) {
        if (!t.username().equals(gateway.me().orElse(""))) {
            typingUntil.put(t.username(), t.expiresAt());
            render();
        }
    }

    /** A message from {@code from} ends their typing. */
    void messageArrived(String from) {
        if (typingUntil.remove(from) != null) {
            render();
        }
    }

    void tick() {
        long now = clock.millis();
        if (typingUntil.values().removeIf(until -> until <= now)) {
            render();
        } else if (peer != null && !"online".equals(status)) {
            render();
        }
    }

    String nameOf(String username) {
        return names.getOrDefault(username, username);
    }

    private void render() {
        List<String> typists = typingUntil.keySet().stream().map(this::nameOf).toList();
        typing.set(!typists.isEmpty());
        presence.set(group.get() ? null : status);
        if (!typists.isEmpty()) {
            subtitle.set(group.get() ? String.join(", ", typists) + (typists.size() == 1 ? " is typing…" : " are typing…")
                    : "typing…");
        } else if (group.get()) {
            subtitle.set(members + (members == 1 ? " member" : " members"));
        } else if (peer != null && peer.equals(gateway.me().orElse(null))) {
            subtitle.set("messages to yourself, on all your devices");
        } else {
            subtitle.set(status == null ? "" : Texts.presence(status, lastSeen, clock.instant(), zone));
        }
    }

    public long conversationId() {
        return conversationId;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    /** The peer's {@code online}/{@code away}/{@code offline}; null for groups or while unknown. */
    public ReadOnlyStringProperty presenceProperty() {
        return presence.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty groupProperty() {
        return group.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty typingProperty() {
        return typing.getReadOnlyProperty();
    }
}
