package dev.confab.client.support;

import dev.confab.client.net.ChatClient;
import dev.confab.client.net.ChatListener;
import dev.confab.client.net.ConversationsListener;
import dev.confab.client.net.EphemeralListener;
import dev.confab.protocol.Event;
import dev.confab.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what one client reports: every applied event, presence and typing pushes, and how often the cached
 * conversation list changed. Thread safe.
 */
public final class Recorder implements ChatListener, EphemeralListener, ConversationsListener {
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<ServerFrame.Presence> presence = new CopyOnWriteArrayList<>();
    private final List<ServerFrame.TypingNotice> typing = new CopyOnWriteArrayList<>();
    private final AtomicInteger conversationChanges = new AtomicInteger();

    /** A recorder listening to {@code client} from now on. */
    public static Recorder on(ChatClient client) {
        Recorder r = new Recorder();
        client.addChatListener(r);
        client.addEphemeralListener(r);
        client.addConversationsListener(r);
        return r;
    }

    @Override
    public void onEvents(List<Event> applied) {
        events.addAll(applied);
    }

    @Override
    public void onPresence(ServerFrame.Presence p) {
        presence.add(p);
    }

    @Override
    public void onTyping(ServerFrame.TypingNotice t) {
        typing.add(t);
    }

    @Override
    public void onConversationsChanged() {
        conversationChanges.incrementAndGet();
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public <T extends Event> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The statuses pushed for {@code username}, in order. */
    public List<String> presenceOf(String username) {
        return presence.stream().filter(p -> p.username().equals(username)).map(ServerFrame.Presence::status).toList();
    }

    public List<ServerFrame.TypingNotice> typing() {
        return List.copyOf(typing);
    }

    public int conversationChanges() {
        return conversationChanges.get();
    }
}
