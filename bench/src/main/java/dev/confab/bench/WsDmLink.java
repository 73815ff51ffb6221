package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** The dm scenario over WebSocket: one subscribed connection per user. */
final class WsDmLink implements DmLink {
    private final WsTransport transport;
    private final List<WsClient> clients = new ArrayList<>();

    WsDmLink(int port) {
        this.transport = new WsTransport(port, 16);
    }

    @Override
    public void open(List<User> users, Sink sink) throws Exception {
        WsClient.Listener listener = (client, event, now) -> sink.onMessage(client.index, event.body(), now);
        clients.addAll(connectAll(transport, users, users.size(), listener, true));
    }

    /** Connects {@code count} clients (client i is device of user i mod users), at most 256 handshakes at once. */
    static List<WsClient> connectAll(WsTransport transport, List<User> users, int count, WsClient.Listener listener,
                                     boolean subscribe) throws Exception {
        List<WsClient> clients = new ArrayList<>(count);
        List<CompletableFuture<Long>> started = new ArrayList<>(count);
        Semaphore inFlight = new Semaphore(256);
        for (int i = 0; i < count; i++) {
            WsClient c = new WsClient(i, users.get(i % users.size()), transport, listener);
            clients.add(c);
            if (!inFlight.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("connecting stalled at " + i + " of " + count);
            }
            started.add(c.start(subscribe).whenComplete((v, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        return clients;
    }

    @Override
    public void send(int from, String to, String clientMsgId, String body, BiConsumer<JsonNode, Throwable> done) {
        clients.get(from).request("send", Wire.send(to, clientMsgId, body)).whenComplete(done);
    }

    @Override
    public Map<String, Long> streamChecks() {
        return Map.of("stream_duplicates", clients.stream().mapToLong(c -> c.duplicates.get()).sum(),
                "stream_gaps", clients.stream().mapToLong(c -> c.gaps.get()).sum());
    }

    @Override
    public void close() {
        clients.forEach(WsClient::close);
        transport.close();
    }
}
