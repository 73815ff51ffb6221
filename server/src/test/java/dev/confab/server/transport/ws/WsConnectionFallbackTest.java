package dev.confab.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.JacksonCodec;
import dev.confab.protocol.Reply;
import dev.confab.server.chat.RateLimiter;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A session that is not Tyrus' (as if Tyrus renamed the field {@link TextFrameSender} reads): frames go through the
 * standard {@code sendText}, with the same text, and the unsent-bytes limit and the catch-up window (ADR 0018)
 * still hold.
 */
class WsConnectionFallbackTest {
    private final JacksonCodec codec = new JacksonCodec();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<SendHandler> pending = new CopyOnWriteArrayList<>();
    private final List<CloseReason> closed = new CopyOnWriteArrayList<>();

    @Test
    void framesGoThroughSendTextWithTheTextTheCodecMakes() {
        WsConnection connection = connection(1024 * 1024);
        Reply.Pong pong = new Reply.Pong("p1", 42);

        connection.send(pong);
        pending.forEach(h -> h.onResult(new jakarta.websocket.SendResult()));
        connection.send(pong);

        assertThat(sent).containsExactly(codec.encode(pong), codec.encode(pong));
        assertThat(closed).isEmpty();
    }

    @Test
    void aPeerThatReadsNothingIsDisconnectedOnceItsQueueIsOverTheLimit() {
        String one = codec.encode(new Reply.Pong("p1", 42));
        WsConnection connection = connection(3L * 2 * one.length()); // room for 3 unsent frames

        for (int i = 0; i < 4; i++) {
            connection.send(new Reply.Pong("p" + (i + 1), 42)); // never completed: the peer reads nothing
        }

        assertThat(sent).hasSize(3);
        assertThat(closed).extracting(CloseReason::getCloseCode).containsExactly(CloseReason.CloseCodes.TRY_AGAIN_LATER);
    }

    @Test
    void catchUpHasRoomWhileUnderTheWindowAndResumesOnceTheUnsentBytesDrain() {
        WsConnection connection = connection(WsEndpoint.MAX_QUEUED_BYTES);
        List<String> resumed = new CopyOnWriteArrayList<>();
        assertThat(connection.hasRoom()).isTrue();

        connection.send(overTheWindow());
        connection.whenRoom(() -> resumed.add("resumed"));
        assertThat(connection.hasRoom()).isFalse();
        assertThat(resumed).as("no room yet").isEmpty();
        pending.forEach(h -> h.onResult(new jakarta.websocket.SendResult()));

        assertThat(connection.hasRoom()).isTrue();
        assertThat(resumed).containsExactly("resumed");
        connection.whenRoom(() -> resumed.add("at once"));
        assertThat(resumed).containsExactly("resumed", "at once");
    }

    @Test
    void aClosedConnectionHasNoRoomAndNeverResumesACatchUp() {
        WsConnection connection = connection(WsEndpoint.MAX_QUEUED_BYTES);
        List<String> resumed = new CopyOnWriteArrayList<>();
        connection.send(overTheWindow());
        connection.whenRoom(() -> resumed.add("resumed"));

        connection.close("bye");
        pending.forEach(h -> h.onResult(new jakarta.websocket.SendResult(new java.io.IOException("closed"))));
        connection.whenRoom(() -> resumed.add("again"));

        assertThat(connection.hasRoom()).isFalse();
        assertThat(resumed).isEmpty();
    }

    /** A frame counted over {@link WsEndpoint#CATCH_UP_WINDOW} (this path counts 2 bytes per character). */
    private static Reply.Error overTheWindow() {
        return new Reply.Error("big", dev.confab.protocol.ErrorCode.INTERNAL,
                "x".repeat((int) (WsEndpoint.CATCH_UP_WINDOW / 2 + 1)));
    }

    private WsConnection connection(long maxQueuedBytes) {
        RemoteEndpoint.Async async = proxy(RemoteEndpoint.Async.class, (name, args) -> {
            if (name.equals("sendText") && args.length == 2) {
                sent.add((String) args[0]);
                pending.add((SendHandler) args[1]);
            }
            return null;
        });
        Session session = proxy(Session.class, (name, args) -> switch (name) {
            case "getAsyncRemote" -> async;
            case "isOpen" -> closed.isEmpty();
            case "getNegotiatedExtensions" -> List.of();
            case "getId" -> "fake";
            case "close" -> {
                closed.add(args != null && args.length == 1 ? (CloseReason) args[0] : null);
                yield null;
            }
            default -> null;
        });
        assertThat(TextFrameSender.of(session)).as("no Tyrus socket: standard path").isNull();
        return new WsConnection(session, codec, Runnable::run, 0, maxQueuedBytes,
                new RateLimiter(1000, 2000, System.nanoTime()));
    }

    interface Call {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> call.answer(method.getName(), args == null ? new Object[0] : args)));
    }
}
