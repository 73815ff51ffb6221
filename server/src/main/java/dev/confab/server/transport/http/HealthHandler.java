package dev.confab.server.transport.http;

import java.util.function.BooleanSupplier;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/** {@code GET /health}: 200 while the server is ready, 503 while it starts or stops. */
public final class HealthHandler extends HttpHandler {
    private final BooleanSupplier ready;

    public HealthHandler(BooleanSupplier ready) {
        this.ready = ready;
    }

    @Override
    public void service(Request request, Response response) {
        boolean ok = ready.getAsBoolean();
        Responses.write(response, ok ? 200 : 503, ok ? "{\"status\":\"ok\"}" : "{\"status\":\"unavailable\"}");
    }
}
