package dev.confab.server.transport.http;

import dev.confab.protocol.Codec;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Limits;
import dev.confab.protocol.ProtocolException;
import dev.confab.protocol.Reply;
import dev.confab.server.chat.Accounts;
import dev.confab.server.chat.ChatService;
import dev.confab.server.chat.Dispatcher;
import dev.confab.server.chat.Presence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.ReadHandler;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.io.NIOInputStream;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * {@code /api/v1/*}: {@code POST rpc} (any request frame, same dispatcher as the WebSocket) and
 * {@code GET events} (long-poll). Runs on Grizzly worker threads: it suspends the response, reads the body
 * without blocking, and answers from the dispatcher's threads.
 */
public final class ApiHandler extends HttpHandler {
    private final Dispatcher dispatcher;
    private final Accounts accounts;
    private final ChatService chat;
    private final Presence presence;
    private final Codec codec;
    private final Executor executor;
    private final ScheduledExecutorService timers;
    private final java.util.concurrent.ConcurrentMap<Long, java.util.concurrent.atomic.AtomicInteger> polls =
            new java.util.concurrent.ConcurrentHashMap<>();

    public ApiHandler(Dispatcher dispatcher, Accounts accounts, ChatService chat, Presence presence, Codec codec,
                      Executor executor, ScheduledExecutorService timers) {
        this.dispatcher = dispatcher;
        this.accounts = accounts;
        this.chat = chat;
        this.presence = presence;
        this.codec = codec;
        this.executor = executor;
        this.timers = timers;
    }

    @Override
    public void service(Request request, Response response) {
        ServiceGate gate = new ServiceGate(Thread.currentThread());
        request.setAttribute(ServiceGate.ATTRIBUTE, gate);
        try {
            route(request, response);
        } finally {
            gate.open();
        }
    }

    private void route(Request request, Response response) {
        String path = request.getRequestURI();
        if (path.equals("/api/v1/rpc")) {
            if (request.getMethod() != Method.POST) {
                Responses.error(response, codec, 405, new Reply.Error(null, ErrorCode.INVALID_REQUEST, "use POST"));
                return;
            }
            rpc(request, response);
        } else if (path.equals("/api/v1/events")) {
            if (request.getMethod() != Method.GET) {
                Responses.error(response, codec, 405, new Reply.Error(null, ErrorCode.INVALID_REQUEST, "use GET"));
                return;
            }
            LongPoll.start(request, response, accounts, chat, presence, codec, executor, timers, polls);
        } else {
            Responses.error(response, codec, 404,
                    new Reply.Error(null, ErrorCode.NOT_FOUND, "no such endpoint: " + clip(path)));
        }
    }

    private void rpc(Request request, Response response) {
        long length = request.getContentLengthLong();
        if (length > Limits.MAX_FRAME_BYTES) {
            Responses.error(response, codec, 413, tooLarge());
            return;
        }
        String token = HttpConnection.bearer(request.getHeader("Authorization"));
        String remote = request.getRemoteAddr();
        response.suspend();
        NIOInputStream in = request.getNIOInputStream();
        // One registration per request, asking to be told only once the whole body is there (onAllDataRead) or once
        // it is over the limit (onDataAvailable). Never register again from onDataAvailable (the usual Grizzly idiom):
        // Grizzly 4.0.2 calls onDataAvailable for the body's last piece before it marks the body read, so a handler
        // registered there starts another asynchronous read of the connection (InputBuffer.notifyAvailable ->
        // ctx.fork) while this request is still being answered. That read handed a pipelined next request to this
        // one as body, and raced the reading of a next request's body against its service(), losing its read
        // handler now and then: the rare hung POST of HttpTransportIntegrationTest.
        in.notifyAvailable(new BodyReader(in, response, token, remote), Limits.MAX_FRAME_BYTES + 1);
    }

    /** Reads a request body that Grizzly has buffered whole, then dispatches it; refuses one over the limit. */
    private final class BodyReader implements ReadHandler {
        private final NIOInputStream in;
        private final Response response;
        private final String token;
        private final String remote;
        private final AtomicBoolean answered = new AtomicBoolean();

        BodyReader(NIOInputStream in, Response response, String token, String remote) {
            this.in = in;
            this.response = response;
            this.token = token;
            this.remote = remote;
        }

        /** Only when more than {@link Limits#MAX_FRAME_BYTES} are buffered: a chunked body over the limit. */
        @Override
        public void onDataAvailable() {
            if (answered.compareAndSet(false, true)) {
                // Not from inside Grizzly's handler call: resuming runs afterService, which recycles this request.
                executor.execute(() -> Responses.errorAndResume(response, codec, 413, tooLarge()));
            }
        }

        @Override
        public void onAllDataRead() throws IOException {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            Buffer all = in.readBuffer();
            byte[] bytes;
            try {
                if (all.remaining() > Limits.MAX_FRAME_BYTES) {
                    Responses.errorAndResume(response, codec, 413, tooLarge());
                    return;
                }
                bytes = new byte[all.remaining()];
                all.get(bytes);
            } finally {
                all.tryDispose();
            }
            in.close();
            dispatch(new String(bytes, StandardCharsets.UTF_8), token, remote, response);
        }

        @Override
        public void onError(Throwable t) {
            if (answered.compareAndSet(false, true)) {
                try {
                    if (response.isSuspended()) {
                        response.resume();
                    }
                } catch (IllegalStateException e) {
                    // already finished and recycled (the connection closed meanwhile)
                }
            }
        }
    }

    private static Reply.Error tooLarge() {
        return new Reply.Error(null, ErrorCode.FRAME_TOO_LARGE,
                "frames are limited to " + Limits.MAX_FRAME_BYTES + " bytes");
    }

    private void dispatch(String body, String token, String remote, Response response) {
        dev.confab.protocol.Request frame;
        try {
            frame = codec.decodeRequest(body);
        } catch (ProtocolException e) {
            Reply.Error error = new Reply.Error(codec.peekId(body), e.code(), e.getMessage());
            Responses.errorAndResume(response, codec, HttpStatus.of(e.code()), error);
            return;
        }
        if (frame instanceof dev.confab.protocol.Request.Subscribe) {
            Responses.errorAndResume(response, codec, 400, new Reply.Error(frame.id(), ErrorCode.INVALID_REQUEST,
                    "subscribe needs a WebSocket; over HTTP use GET /api/v1/events"));
            return;
        }
        dispatcher.dispatch(frame, new HttpConnection(accounts, token, executor, remote)).whenComplete((reply, failed) -> {
            // dispatch() turns every failure into an error reply; if even that or its encoding fails, the client
            // must still get an answer rather than a response suspended until its timeout.
            Reply answer = failed == null ? reply : Dispatcher.error(frame.id(), failed);
            try {
                int status = answer instanceof Reply.Error e ? HttpStatus.of(e.code()) : 200;
                Responses.writeAndResume(response, status, codec.encode(answer));
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ApiHandler.class).error("reply to {} not written", frame.id(), e);
                Responses.writeAndResume(response, 500, codec.encode(Dispatcher.error(frame.id(), e)));
            }
        });
    }

    static String clip(String s) {
        String shown = s.length() <= 80 ? s : s.substring(0, 80) + "...";
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
