package dev.confab.server.transport.http;

import dev.confab.protocol.Codec;
import dev.confab.protocol.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.server.Response;

/** Writes JSON responses. */
final class Responses {
    private Responses() {
    }

    static void error(Response response, Codec codec, int status, Reply.Error error) {
        write(response, status, codec.encode(error));
    }

    static void errorAndResume(Response response, Codec codec, int status, Reply.Error error) {
        writeAndResume(response, status, codec.encode(error));
    }

    static void writeAndResume(Response response, int status, String json) {
        Object gate = response.getRequest().getAttribute(ServiceGate.ATTRIBUTE);
        if (gate instanceof ServiceGate g) {
            g.awaitReturned();
        }
        write(response, status, json);
        if (response.isSuspended()) {
            response.resume();
        }
    }

    static void write(Response response, int status, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        try {
            response.getOutputStream().write(bytes);
        } catch (IOException e) {
            // the client went away
        }
    }
}
