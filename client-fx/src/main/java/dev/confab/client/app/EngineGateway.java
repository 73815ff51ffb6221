package dev.confab.client.app;

import dev.confab.client.net.ChatClient;
import dev.confab.client.net.ChatListener;
import dev.confab.client.net.ConversationsListener;
import dev.confab.client.net.EphemeralListener;
import dev.confab.client.net.ConnectionState;
import dev.confab.client.net.StateListener;
import dev.confab.client.store.OutboxEntry;
import dev.confab.client.ui.core.ChatGateway;
import dev.confab.client.ui.core.Delivery;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.Message;
import dev.confab.protocol.ServerFrame;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The view models' gateway over the engine's {@link ChatClient}; requests that fail while offline fail with
 * the engine's {@code OfflineException}. The client's callback executor is the FX
 * thread, so its listeners and futures already arrive there; this class only fans them out.
 */
final class EngineGateway implements ChatGateway, AutoCloseable {
    private final ChatClient client;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ChatListener chat = new ChatListener() {
        @Override
        public void onEvents(List<Event> events) {
            each(l -> l.onEvents(events));
        }

        @Override
        public void onAcknowledged(String clientMsgId, long conversationId, long seq) {
            each(l -> l.onAcknowledged(clientMsgId, conversationId, seq));
        }

        @Override
        public void onSendFailed(String clientMsgId, ErrorCode code, String message) {
            each(l -> l.onSendFailed(clientMsgId, code, message));
        }
    };
    private final StateListener state = (previous, current) -> each(l -> l.onStateChanged(current));
    private final ConversationsListener conversations = () -> each(Listener::onConversationsChanged);
    private final EphemeralListener ephemeral = new EphemeralListener() {
        @Override
        public void onPresence(ServerFrame.Presence presence) {
            each(l -> l.onPresence(presence));
        }

        @Override
        public void onTyping(ServerFrame.TypingNotice typing) {
            each(l -> l.onTyping(typing));
        }
    };

    EngineGateway(ChatClient client) {
        this.client = client;
        client.addChatListener(chat);
        client.addStateListener(state);
        client.addConversationsListener(conversations);
        client.addEphemeralListener(ephemeral);
    }

    private void each(Consumer<Listener> call) {
        for (Listener l : listeners) {
            call.accept(l);
        }
    }

    @Override
    public Optional<String> me() {
        return client.username();
    }

    @Override
    public ConnectionState state() {
        return client.state();
    }

    @Override
    public void retryNow() {
        client.retryNow();
    }

    @Override
    public List<Info.Conversation> cachedConversations() {
        return client.cachedConversations();
    }

    @Override
    public void refreshConversations() {
        client.refreshConversations();
    }

    @Override
    public List<Message> cachedMessages(long conversationId, int limit) {
        return client.history(conversationId, Long.MAX_VALUE, limit);
    }

    @Override
    public CompletableFuture<List<Message>> olderMessages(long conversationId, long beforeSeq, int limit) {
        List<Message> local = client.history(conversationId, beforeSeq, limit);
        if (!local.isEmpty() || beforeSeq <= 1) {
            return CompletableFuture.completedFuture(local);
        }
        return client.fetchHistory(conversationId, beforeSeq, limit);
    }

    @Override
    public List<OutboxEntry> outbox() {
        return client.outbox();
    }

    @Override
    public List<OutboxEntry> failedSends() {
        return client.failedSends();
    }

    @Override
    public boolean resend(String clientMsgId) {
        return client.resend(clientMsgId);
    }

    @Override
    public boolean hasLeft(long conversationId) {
        return client.hasLeft(conversationId);
    }

    @Override
    public String send(String toUsername, String body) {
        return client.send(toUsername, body);
    }

    @Override
    public String sendToConversation(long conversationId, String body) {
        return client.sendToConversation(conversationId, body);
    }

    @Override
    public Delivery status(long conversationId, long seq, String clientMsgId) {
        return Delivery.valueOf(client.status(conversationId, seq, clientMsgId).name());
    }

    @Override
    public void markRead(long conversationId, long seq) {
        client.markRead(conversationId, seq).exceptionally(failure -> null);
    }

    @Override
    public void typing(long conversationId) {
        client.typing(conversationId).exceptionally(failure -> null);
    }

    @Override
    public void setAway(boolean away) {
        client.setAway(away).exceptionally(failure -> null);
    }

    @Override
    public CompletableFuture<Info.Conversation> createGroup(String name, List<String> members) {
        return client.createGroup(name, members, true);
    }

    @Override
    public CompletableFuture<Info.Conversation> renameGroup(long conversationId, String name) {
        return client.renameGroup(conversationId, name);
    }

    @Override
    public CompletableFuture<Info.Conversation> addMembers(long conversationId, List<String> usernames) {
        return client.addMembers(conversationId, usernames);
    }

    @Override
    public CompletableFuture<Info.Conversation> removeMember(long conversationId, String username) {
        return client.removeMember(conversationId, username);
    }

    @Override
    public CompletableFuture<Void> leaveGroup(long conversationId) {
        return client.leaveGroup(conversationId);
    }

    @Override
    public CompletableFuture<Info.User> findUser(String username) {
        return client.findUser(username);
    }

    @Override
    public CompletableFuture<List<Info.User>> contacts() {
        return client.contacts();
    }

    @Override
    public CompletableFuture<Void> addContact(String username) {
        return client.addContact(username).thenApply(user -> null);
    }

    @Override
    public CompletableFuture<Void> removeContact(String username) {
        return client.removeContact(username);
    }

    @Override
    public CompletableFuture<Void> changePassword(String currentPassword, String newPassword) {
        return client.call(id -> new dev.confab.protocol.Request.ChangePassword(id, currentPassword, newPassword))
                .thenApply(reply -> null);
    }

    @Override
    public CompletableFuture<Void> setProfile(String displayName) {
        return client.setProfile(displayName).thenApply(user -> null);
    }

    @Override
    public CompletableFuture<Map<String, String>> settings() {
        return client.settings();
    }

    @Override
    public CompletableFuture<List<Info.Device>> devices() {
        return client.devices();
    }

    @Override
    public CompletableFuture<Void> revokeDevice(long deviceId) {
        return client.revokeDevice(deviceId);
    }

    @Override
    public CompletableFuture<Void> logout() {
        return client.logout();
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        client.removeChatListener(chat);
        client.removeStateListener(state);
        client.removeConversationsListener(conversations);
        client.removeEphemeralListener(ephemeral);
        listeners.clear();
    }
}
