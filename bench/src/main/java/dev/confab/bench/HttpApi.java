package dev.confab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP transport: {@code POST /api/v1/rpc} and the {@code GET /api/v1/events} long-poll, on the JDK client.
 * HTTP/1.1 only: the client's default HTTP/2 upgrade attempt makes Grizzly hang the request. Thread safe.
 */
final class HttpApi implements AutoCloseable {
    private final String base;
    private final HttpClient client;
    private final ExecutorService executor;
    private final AtomicLong ids = new AtomicLong();

    HttpApi(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.executor = Executors.newFixedThreadPool(4, WsTransport.daemon("bench-http"));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(executor)
                .build();
    }

    /** Sends one request frame; completes with the reply, exceptionally on an {@code error} reply. */
    CompletableFuture<JsonNode> rpc(String token, String type, String fields) {
        String frame = Wire.request(type, "h" + ids.incrementAndGet(), fields);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/rpc"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(frame));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).thenApply(HttpApi::reply);
    }

    /** One long-poll: the caller's events after {@code after}, waiting up to {@code waitSeconds} for one. */
    CompletableFuture<JsonNode> events(String token, long after, int waitSeconds) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/events?after=" + after + "&wait=" + waitSeconds))
                .timeout(Duration.ofSeconds(waitSeconds + 30L))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(HttpApi::reply);
    }

    private static JsonNode reply(HttpResponse<String> response) {
        JsonNode node = Wire.parse(response.body());
        if ("error".equals(node.path("type").asText())) {
            throw Wire.ServerError.of(node);
        }
        return node;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
