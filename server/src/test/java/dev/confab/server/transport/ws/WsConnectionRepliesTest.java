package dev.confab.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.Event;
import dev.confab.protocol.JacksonCodec;
import dev.confab.protocol.Message;
import dev.confab.protocol.Reply;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.chat.RateLimiter;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Replies that wait for an expected push: the {@code send_ok} and the sender's own message event go out in one
 * write, and a reply is never left waiting when the push does not come.
 */
class WsConnectionRepliesTest {
    private final JacksonCodec codec = new JacksonCodec();
    /** Each write, split back into the text of the frames it carried. */
    private final List<List<String>> writes = new CopyOnWriteArrayList<>();
    private final List<CloseReason> closed = new CopyOnWriteArrayList<>();
    private final WsConnection connection = connection();

    private final Reply.SendOk ack = new Reply.SendOk("s1", 7, 3, "k1", 1000, false);
    private final ServerFrame.Events echo = new ServerFrame.Events(List.of(
            new Event.MessageEvent(12, new Message(7, 3, "alice", "bob", "k1", "hi", 1000))));

    @Test
    void withNoPushExpectedAReplyIsWrittenAtOnce() {
        connection.reply(ack);

        assertThat(writes).containsExactly(List.of(codec.encode(ack)));
    }

    @Test
    void aReplyWaitsForTheExpectedPushAndGoesOutInTheSameWrite() {
        connection.expectPush();
        connection.reply(ack);
        assertThat(writes).as("held for the push").isEmpty();

        connection.send(echo);
        connection.pushDone();
        connection.reply(new Reply.Pong("p1", 5));

        assertThat(writes).containsExactly(
                List.of(codec.encode(ack), codec.encode(echo)),
                List.of(codec.encode(new Reply.Pong("p1", 5))));
    }

    @Test
    void whenTheExpectedPushDoesNotComeTheHeldRepliesAreWrittenOnPushDone() {
        connection.expectPush();
        connection.reply(ack);
        connection.reply(new Reply.Pong("p1", 5));

        connection.pushDone();

        assertThat(writes).containsExactly(List.of(codec.encode(ack), codec.encode(new Reply.Pong("p1", 5))));
    }

    @Test
    void aClosedConnectionDropsWhatWasHeld() {
        connection.expectPush();
        connection.reply(ack);

        connection.close("bye");
        connection.pushDone();

        assertThat(writes).isEmpty();
    }

    private WsConnection connection() {
        Session session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (self, method, args) -> switch (method.getName()) {
                    case "isOpen" -> closed.isEmpty();
                    case "getId" -> "fake";
                    case "close" -> {
                        closed.add(args != null && args.length == 1 ? (CloseReason) args[0] : null);
                        yield null;
                    }
                    default -> null;
                });
        return new WsConnection(session, codec, Runnable::run, 0, WsEndpoint.MAX_QUEUED_BYTES,
                new RateLimiter(1000, 2000, System.nanoTime()), (bytes, done) -> {
                    writes.add(frames(bytes));
                    done.accept(null);
                });
    }

    /** Splits a buffer of unmasked server text frames back into their payloads. */
    private static List<String> frames(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        List<String> texts = new ArrayList<>();
        while (b.hasRemaining()) {
            assertThat(b.get() & 0xFF).as("FIN + text opcode").isEqualTo(0x81);
            int length = b.get() & 0x7F;
            if (length == 126) {
                length = b.getShort() & 0xFFFF;
            } else if (length == 127) {
                length = (int) b.getLong();
            }
            byte[] payload = new byte[length];
            b.get(payload);
            texts.add(new String(payload, StandardCharsets.UTF_8));
        }
        return texts;
    }
}
