package dev.confab.client.net;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import java.util.List;
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

    /** Runs {@code task} on the callback executor, after everything queued before it. */
    void run(Runnable task) {
        executor.execute(task);
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
        executor.execute(() -> stateListeners.forEach(l -> safely(() -> l.onStateChanged(previous, current))));
    }

    private void chat(Consumer<ChatListener> call) {
        executor.execute(() -> chatListeners.forEach(l -> safely(() -> call.accept(l))));
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.ERROR, "a client listener failed", e);
        }
    }
}
