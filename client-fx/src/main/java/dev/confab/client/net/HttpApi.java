package dev.confab.client.net;

import dev.confab.protocol.Codec;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.ServerFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * The server's HTTP API: {@code POST /api/v1/rpc}, {@code GET /api/v1/events} (long-poll) and
 * {@code GET /health}. Futures complete on the HTTP client's threads. Thread safe.
 */
final class HttpApi {
    private final HttpClient http;
    private final ClientConfig config;
    private final Codec codec;

    HttpApi(HttpClient http, ClientConfig config, Codec codec) {
        this.http = http;
        this.config = config;
        this.codec = codec;
    }

    /** HTTP/1.1 only: the JDK's default HTTP/2 upgrade attempt ({@code Upgrade: h2c}) hangs Grizzly. */
    static HttpClient newClient(ClientConfig config, Executor executor, SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .executor(executor);
        if (tls != null) {
            builder.sslContext(tls);
        }
        return builder.build();
    }

    /** Any request frame; the reply may be an error frame. Fails with a {@link LinkFailure} if none came. */
    CompletableFuture<Reply> rpc(Request request, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(config.resolve("/api/v1/rpc"))
                .timeout(config.connectTimeout().plus(config.pongTimeout()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(codec.encode(request)));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return exchange(builder.build(), reply -> reply);
    }

    /**
     * One long-poll for events after {@code after}; fails with a {@link LinkFailure} on an error reply
     * (for example {@code AUTH_REJECTED} or {@code BAD_CURSOR}) or when no answer came in time.
     */
    CompletableFuture<Reply.SyncOk> events(String token, long after, int limit, long waitSeconds) {
        URI uri = config.resolve("/api/v1/events?after=" + after + "&limit=" + limit + "&wait=" + waitSeconds);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(waitSeconds).plus(config.connectTimeout()).plus(config.pongTimeout()))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return exchange(request, reply -> {
            if (reply instanceof Reply.SyncOk ok) {
                return ok;
            }
            if (reply instanceof Reply.Error error) {
                throw new CompletionException(LinkFailure.of(error));
            }
            throw new CompletionException(
                    new LinkFailure(LinkFailure.Reason.PROTOCOL, "unexpected " + reply.getClass().getSimpleName()));
        });
    }

    /** True when {@code GET /health} answers 200 within the connect timeout; never fails. */
    CompletableFuture<Boolean> healthy() {
        HttpRequest request = HttpRequest.newBuilder(config.resolve("/health"))
                .timeout(config.connectTimeout())
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> failure == null && response.statusCode() == 200);
    }

    /** Cancelling the returned future aborts the HTTP exchange too (a parked long-poll, say). */
    private <T> CompletableFuture<T> exchange(HttpRequest request, Function<Reply, T> expect) {
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        CompletableFuture<T> result = exchange
                .exceptionally(failure -> {
                    throw new CompletionException(LinkFailure.of(failure));
                })
                .thenApply(this::decode)
                .thenApply(expect);
        result.whenComplete((value, failure) -> {
            if (result.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return result;
    }

    private Reply decode(HttpResponse<String> response) {
        try {
            ServerFrame frame = codec.decodeServerFrame(response.body());
            if (frame instanceof Reply reply) {
                return reply;
            }
        } catch (ProtocolException e) {
            // fall through: not one of our frames (a proxy's error page, say)
        }
        LinkFailure.Reason reason = response.statusCode() >= 500 ? LinkFailure.Reason.SERVER_ERROR
                : LinkFailure.Reason.PROTOCOL;
        throw new CompletionException(
                new LinkFailure(reason, "HTTP " + response.statusCode() + " without a reply frame"));
    }
}
