package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** How the dm scenario reaches the server: one live device per user, over WebSocket or long-poll. */
interface DmLink extends AutoCloseable {
    /** Receives each message event once per device, in stream order. */
    interface Sink {
        /** {@code body}: the message's body (null for an event that is not a message). */
        void onMessage(int receiver, String body, long receivedNanos);
    }

    /** Connects and subscribes every user's device; returns when all are live (bounded). */
    void open(List<User> users, Sink sink) throws Exception;

    /** Sends without waiting; {@code done} gets the {@code send_ok} reply or the failure. */
    void send(int from, String to, String clientMsgId, String body, BiConsumer<JsonNode, Throwable> done);

    /** Stream checks summed over devices: repeated and skipped event seqs. */
    Map<String, Long> streamChecks();

    @Override
    void close();
}
