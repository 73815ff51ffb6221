package dev.confab.client.ui.core;

import dev.confab.client.net.ConnectionState;
import dev.confab.client.store.OutboxEntry;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.Message;
import dev.confab.protocol.ServerFrame;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the view models need from the connection engine: one port, so they are tested against a fake and the
 * engine's API can grow without touching them. Call it on the FX thread; listeners and futures complete there
 * too (the engine's callback executor is {@code Platform::runLater}).
 */
public interface ChatGateway {

    /** The signed-in (or last signed-in) username. */
    Optional<String> me();

    ConnectionState state();

    void retryNow();

    /** Conversations from the local cache, newest activity first; works offline. */
    List<Info.Conversation> cachedConversations();

    /** Asks the server for the conversation list; listeners hear {@link Listener#onConversationsChanged()}. */
    void refreshConversations();

    /** The newest {@code limit} locally stored messages of a conversation, oldest first. */
    List<Message> cachedMessages(long conversationId, int limit);

    /** Messages with {@code seq < beforeSeq}, oldest first: from the local store, else from the server. */
    CompletableFuture<List<Message>> olderMessages(long conversationId, long beforeSeq, int limit);

    /** Messages written but not yet acknowledged, oldest first. */
    List<OutboxEntry> outbox();

    /** Messages the server refused for good; {@link #resend} puts one back in the outbox. */
    List<OutboxEntry> failedSends();

    /** Puts a refused message back into the outbox with its clientMsgId; false if it was not failed. */
    boolean resend(String clientMsgId);

    /** True for a group this user left or was removed from. */
    boolean hasLeft(long conversationId);

    String send(String toUsername, String body);

    String sendToConversation(long conversationId, String body);

    Delivery status(long conversationId, long seq, String clientMsgId);

    void markRead(long conversationId, long seq);

    void typing(long conversationId);

    void setAway(boolean away);

    CompletableFuture<Info.Conversation> createGroup(String name, List<String> members);

    CompletableFuture<Info.Conversation> renameGroup(long conversationId, String name);

    CompletableFuture<Info.Conversation> addMembers(long conversationId, List<String> usernames);

    CompletableFuture<Info.Conversation> removeMember(long conversationId, String username);

    CompletableFuture<Void> leaveGroup(long conversationId);

    CompletableFuture<Info.User> findUser(String username);

    CompletableFuture<List<Info.User>> contacts();

    CompletableFuture<Void> addContact(String username);

    CompletableFuture<Void> removeContact(String username);

    CompletableFuture<Void> setProfile(String displayName);

    /** Changes the password; the server signs out every other device of the account. */
    CompletableFuture<Void> changePassword(String currentPassword, String newPassword);

    CompletableFuture<Map<String, String>> settings();

    CompletableFuture<List<Info.Device>> devices();

    CompletableFuture<Void> revokeDevice(long deviceId);

    /** Signs this device out on the server and forgets its token. */
    CompletableFuture<Void> logout();

    void addListener(Listener listener);

    void removeListener(Listener listener);

    /** Everything the engine reports, on the FX thread, in order. */
    interface Listener {
        default void onEvents(List<Event> events) {
        }

        default void onAcknowledged(String clientMsgId, long conversationId, long seq) {
        }

        default void onSendFailed(String clientMsgId, ErrorCode code, String message) {
        }

        default void onStateChanged(ConnectionState state) {
        }

        default void onConversationsChanged() {
        }

        default void onPresence(ServerFrame.Presence presence) {
        }

        default void onTyping(ServerFrame.TypingNotice typing) {
        }
    }
}
