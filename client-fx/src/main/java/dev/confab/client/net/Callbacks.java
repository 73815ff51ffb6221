package dev.confab.client.net;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.ServerFrame;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The one way into application code: every listener call is queued, in order, onto the callback executor.
 * A listener that throws is logged and the others still run. Thread safe.
 */
final class Callbacks {
    private static final System.Logger log = System.getLogger(Callbacks.class.getName());

    private final Executor executor;
    private final List<ChatListener> chatListeners = new CopyOnWriteArrayList<>();
    private final List<StateListener> stateListeners = new CopyOnWriteArrayList<>();
    private final List<EphemeralListener> ephemeralListeners = new CopyOnWriteArrayList<>();
    private final List<ConversationsListener> conversationsListeners = new CopyOnWriteArrayList<>();

    Callbacks(Executor callbackExecutor) {
        this.executor = new SerialExecutor(callbackExecutor);
    }

    void add(ChatListener listener) {
        chatListeners.add(listener);
    }

    void remove(ChatListener listener) {
        chatListeners.remove(listener);
    }

    void add(StateListener listener) {
        stateListeners.add(listener);
    }

    void remove(StateListener listener) {
        stateListeners.remove(listener);
    }

    void add(EphemeralListener listener) {
        ephemeralListeners.add(listener);
    }

    void remove(EphemeralListener listener) {
        ephemeralListeners.remove(listener);
    }

    void add(ConversationsListener listener) {
        conversationsListeners.add(listener);
    }

    void remove(ConversationsListener listener) {
        conversationsListeners.remove(listener);
    }

    /** Runs {@code task} on the callback executor, after everything queued before it. */
    void run(Runnable task) {
        executor.execute(task);
    }

    /**
     * A future that completes like {@code source}, but on the callback executor and after the callbacks queued
     * before it, failing with the cause itself rather than a {@link CompletionException}.
     */
    <T> CompletableFuture<T> deliver(CompletableFuture<T> source) {
        CompletableFuture<T> result = new CompletableFuture<>();
        source.whenComplete((value, failure) -> executor.execute(() -> {
            if (failure == null) {
                result.complete(value);
            } else {
                Throwable cause = failure;
                while (cause instanceof CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                result.completeExceptionally(cause);
            }
        }));
        return result;
    }

    void events(List<Event> events) {
        chat(l -> l.onEvents(events));
    }

    void acknowledged(String clientMsgId, long conversationId, long seq) {
        chat(l -> l.onAcknowledged(clientMsgId, conversationId, seq));
    }

    void sendFailed(String clientMsgId, ErrorCode code, String message) {
        chat(l -> l.onSendFailed(clientMsgId, code, message));
    }

    void stateChanged(ConnectionState previous, ConnectionState current) {
        each(stateListeners, l -> l.onStateChanged(previous, current));
    }

    void ephemeral(ServerFrame frame) {
        if (frame instanceof ServerFrame.Presence p) {
            each(ephemeralListeners, l -> l.onPresence(p));
        } else if (frame instanceof ServerFrame.TypingNotice t) {
            each(ephemeralListeners, l -> l.onTyping(t));
        }
    }

    void conversationsChanged() {
        each(conversationsListeners, ConversationsListener::onConversationsChanged);
    }

    private <L> void each(List<L> listeners, Consumer<L> call) {
        executor.execute(() -> listeners.forEach(l -> safely(() -> call.accept(l))));
    }

    private void chat(Consumer<ChatListener> call) {
        each(chatListeners, call);
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.ERROR, "a client listener failed", e);
        }
    }
}
