package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * {@code fanout}: one group of G online members; members send into the group's conversation at a fixed rate
 * and every other member must receive each message exactly once. The server has no group chat yet, so the
 * scenario first asks it to create a group ({@value #CREATE}) and reports "not supported by this server yet"
 * when the request type is unknown. The send path ({@code send} with {@code conversationId}) is ready.
 */
final class FanoutScenario {
    static final String CREATE = "create_group";

    private final Bench bench;

    FanoutScenario(Bench bench) {
        this.bench = bench;
    }

    Result run() throws Exception {
        Options o = bench.options;
        int members = o.integer("group-size", o.smoke ? 10 : 100);
        int rate = o.ints("rates", o.smoke ? 20 : 200)[0];
        int seconds = o.integer("step-seconds", o.smoke ? 2 : 15);
        Result result = new Result("fanout").put("group_size", members).put("rate", rate);
        try (Bench.Env env = bench.env("fanout", members); WsTransport transport = new WsTransport(env.port(), 16)) {
            List<User> users = env.users();
            int total = rate * seconds;
            AtomicIntegerArray received = new AtomicIntegerArray(total * members);
            AtomicLong duplicates = new AtomicLong();
            Latency latency = new Latency();
            List<WsClient> clients = WsDmLink.connectAll(transport, users, members, (client, event, now) -> {
                String[] f = event.path("message").path("body").asText().split("\\|", 4);
                if (f.length == 4 && f[0].equals("g")) {
                    int k = Integer.parseInt(f[1]);
                    if (received.incrementAndGet(k * members + client.index) == 1) {
                        latency.record(now - Long.parseLong(f[2]));
                    } else {
                        duplicates.incrementAndGet();
                    }
                }
            }, true);
            String names = users.stream().skip(1).map(u -> Wire.str(u.username())).collect(Collectors.joining(","));
            JsonNode created;
            try {
                created = clients.get(0).request(CREATE, "\"name\":\"bench\",\"members\":[" + names + "]")
                        .get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                String code = e.getCause() instanceof Wire.ServerError se ? se.code : e.getCause().toString();
                result.put("supported", false).put("note", "group chat is not supported by this server yet ("
                        + CREATE + " answered " + code + "); the fanout send path is ready for it");
                bench.log("fanout: not supported by this server yet (%s -> %s)", CREATE, code);
                clients.forEach(WsClient::close);
                return result;
            }
            // group_ok carries the new conversation; accept a bare conversationId too.
            long conversationId = created.path("conversation").path("conversationId")
                    .asLong(created.path("conversationId").asLong());
            result.put("supported", true).put("conversation_id", conversationId);
            List<CompletableFuture<JsonNode>> acks = new ArrayList<>();
            long start = System.nanoTime();
            for (int k = 0; k < total; k++) {
                long intended = start + k * 1_000_000_000L / rate;
                LockSupport.parkNanos(intended - System.nanoTime());
                WsClient sender = clients.get(k % members);
                acks.add(sender.request("send", Wire.sendToConversation(conversationId, "g" + k,
                        "g|" + k + "|" + intended + "|fanout")));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long expected = (long) total * members; // every member, the sender's own stream included
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (latency.snapshot().getTotalCount() < expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long delivered = latency.snapshot().getTotalCount();
            result.put("expected_deliveries", expected).put("delivered", delivered)
                    .put("duplicates", duplicates.get());
            result.fields.putAll(Latency.summary(latency.snapshot()));
            if (delivered != expected) {
                result.problem((expected - delivered) + " member deliveries missing");
            }
            if (duplicates.get() > 0) {
                result.problem(duplicates.get() + " duplicate deliveries");
            }
            clients.forEach(WsClient::close);
        }
        return result;
    }
}
