package dev.confab.client.ui;

import dev.confab.client.net.ConnectionState;
import dev.confab.client.store.OutboxEntry;
import dev.confab.client.ui.core.ChatGateway;
import dev.confab.client.ui.core.Delivery;
import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A hand-written gateway for view-model tests: holds conversations, messages and an outbox in memory, records
 * the calls that go to the server, and delivers listener calls synchronously when a test fires them.
 */
public final class FakeGateway implements ChatGateway {
    public final List<Info.Conversation> conversations = new ArrayList<>();
    public final Map<Long, List<Message>> messages = new HashMap<>();
    public final List<OutboxEntry> outbox = new ArrayList<>();
    public final List<OutboxEntry> failed = new ArrayList<>();
    public final Map<String, Delivery> statuses = new HashMap<>();
    public final Map<String, Info.User> users = new HashMap<>();
    public final List<String> calls = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();
    private final String me;
    public ConnectionState state = new ConnectionState.Online(dev.confab.client.net.TransportKind.WEBSOCKET);
    private int ids;

    public FakeGateway(String me) {
        this.me = me;
    }

    public void fire(Consumer<Listener> call) {
        List.copyOf(listeners).forEach(call);
    }

    public void events(Event... events) {
        for (Event e : events) {
            if (e instanceof Event.MessageEvent m) {
                messages.computeIfAbsent(m.message().conversationId(), k -> new ArrayList<>()).add(m.message());
                outbox.removeIf(o -> o.clientMsgId().equals(m.message().clientMsgId()));
            }
        }
        fire(l -> l.onEvents(List.of(events)));
    }

    public int listenerCount() {
        return listeners.size();
    }

    @Override
    public Optional<String> me() {
        return Optional.of(me);
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    @Override
    public void retryNow() {
        calls.add("retryNow");
    }

    @Override
    public List<Info.Conversation> cachedConversations() {
        return List.copyOf(conversations);
    }

    @Override
    public void refreshConversations() {
        calls.add("refreshConversations");
    }

    @Override
    public List<Message> cachedMessages(long conversationId, int limit) {
        List<Message> all = messages.getOrDefault(conversationId, List.of());
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }

    @Override
    public CompletableFuture<List<Message>> olderMessages(long conversationId, long beforeSeq, int limit) {
        calls.add("older " + conversationId + " " + beforeSeq);
        List<Message> older = messages.getOrDefault(conversationId, List.of()).stream()
                .filter(m -> m.seq() < beforeSeq).toList();
        return CompletableFuture.completedFuture(older.subList(Math.max(0, older.size() - limit), older.size()));
    }

    @Override
    public List<OutboxEntry> outbox() {
        return List.copyOf(outbox);
    }

    @Override
    public List<OutboxEntry> failedSends() {
        return List.copyOf(failed);
    }

    @Override
    public boolean resend(String clientMsgId) {
        calls.add("resend " + clientMsgId);
        return failed.removeIf(f -> f.clientMsgId().equals(clientMsgId));
    }

    @Override
    public boolean hasLeft(long conversationId) {
        return false;
    }

    @Override
    public String send(String toUsername, String body) {
        String id = "m" + (++ids);
        outbox.add(new OutboxEntry(id, toUsername, null, body, 0));
        return id;
    }

    @Override
    public String sendToConversation(long conversationId, String body) {
        String id = "m" + (++ids);
        outbox.add(new OutboxEntry(id, null, conversationId, body, 0));
        return id;
    }

    @Override
    public Delivery status(long conversationId, long seq, String clientMsgId) {
        return statuses.getOrDefault(clientMsgId, Delivery.SENT);
    }

    @Override
    public void markRead(long conversationId, long seq) {
        calls.add("markRead " + conversationId + " " + seq);
    }

    @Override
    public void typing(long conversationId) {
        calls.add("typing " + conversationId);
    }

    @Override
    public void setAway(boolean away) {
        calls.add("away " + away);
    }

    @Override
    public CompletableFuture<Info.Conversation> createGroup(String name, List<String> members) {
        calls.add("createGroup " + name + " " + members);
        List<Info.Member> all = new ArrayList<>();
        all.add(new Info.Member(me, me, "admin"));
        members.forEach(m -> all.add(new Info.Member(m, m, "member")));
        return CompletableFuture.completedFuture(new Info.Conversation(99, "group", name, null, true, all, 0, 0, 0, null));
    }

    @Override
    public CompletableFuture<Info.Conversation> renameGroup(long conversationId, String name) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<Info.Conversation> addMembers(long conversationId, List<String> usernames) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<Info.Conversation> removeMember(long conversationId, String username) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<Void> leaveGroup(long conversationId) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public CompletableFuture<Info.User> findUser(String username) {
        calls.add("findUser " + username);
        Info.User u = users.get(username);
        return u == null ? CompletableFuture.failedFuture(new dev.confab.client.net.ServerException(
                dev.confab.protocol.ErrorCode.NOT_FOUND, "no such user")) : CompletableFuture.completedFuture(u);
    }

    @Override
    public CompletableFuture<List<Info.User>> contacts() {
        return CompletableFuture.completedFuture(List.copyOf(users.values()));
    }

    @Override
    public CompletableFuture<Void> addContact(String username) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> removeContact(String username) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> changePassword(String currentPassword, String newPassword) {
        calls.add("changePassword " + currentPassword + " -> " + newPassword);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> setProfile(String displayName) {
        calls.add("setProfile " + displayName);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Map<String, String>> settings() {
        return CompletableFuture.completedFuture(Map.of());
    }

    @Override
    public CompletableFuture<List<Info.Device>> devices() {
        return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletableFuture<Void> revokeDevice(long deviceId) {
        calls.add("revoke " + deviceId);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> logout() {
        calls.add("logout");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }
}
