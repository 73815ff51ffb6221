package dev.confab.server.support;

import dev.confab.protocol.JacksonCodec;
import dev.confab.protocol.Request;
import dev.confab.protocol.ServerFrame;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls the HTTP transport: {@code POST /api/v1/rpc} and {@code GET /api/v1/events}. */
public final class HttpTestClient {
    private static final JacksonCodec CODEC = new JacksonCodec();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    HttpTestClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Response rpc(Request request, String token) {
        return rpcRaw(CODEC.encode(request), token);
    }

    public Response rpcRaw(String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/rpc"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    public Response events(String query, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/events?" + query))
                .timeout(Duration.ofSeconds(40))
                .GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (java.net.http.HttpTimeoutException e) {
            // A rare hang seen in CI (an Argon2 request over HTTP never answered): the server runs in this JVM, so
            // its threads show where the request is stuck.
            System.err.println("HTTP request timed out: " + request.method() + " " + request.uri() + "; threads:");
            Thread.getAllStackTraces().forEach((t, stack) -> {
                System.err.println("\"" + t.getName() + "\" " + t.getState());
                for (StackTraceElement frame : stack) {
                    System.err.println("    at " + frame);
                }
            });
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body) {
        public ServerFrame frame() {
            return CODEC.decodeServerFrame(body);
        }
    }
}
