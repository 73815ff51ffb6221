package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.Event;
import dev.confab.protocol.JacksonCodec;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.support.RawWebSocket;
import dev.confab.server.support.ServerExtension;
import dev.confab.server.support.WsTestClient;
import dev.confab.server.transport.ws.WsEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A device that comes back to a backlog far larger than what a connection may have unsent. */
@Timeout(180)
class CatchUpIntegrationTest {
    private static final JacksonCodec CODEC = new JacksonCodec();

    @RegisterExtension
    final ServerExtension server = new ServerExtension(c -> c.withRequestsPerSecond(1_000_000));

    @Test
    void aBacklogFourTimesTheTooSlowLimitArrivesWholeInOrderAndOnceWithoutTheDeviceBeingDropped() throws Exception {
        WsTestClient setup = server.connect();
        setup.register("alice", "password-alice");
        setup.register("bob", "password-bob");
        String bobToken = setup.login("bob", "password-bob", "desk").token();
        WsTestClient alice = server.connect();
        alice.login("alice", "password-alice", "a");
        String body = "y".repeat(Limits.MAX_BODY_BYTES - 100);
        int backlog = (int) (4 * WsEndpoint.MAX_QUEUED_BYTES / body.length());
        for (int i = 0; i < backlog; i++) {
            alice.send(new Request.Send("s" + i, "bob", null, "m" + i, body));
        }
        for (int i = 0; i < backlog; i++) {
            assertThat(alice.nextReply()).isInstanceOf(Reply.SendOk.class);
        }
        int openBefore = server.server().openWebSockets();

        RawWebSocket bob = RawWebSocket.connect(server.port());
        bob.sendText("{\"type\":\"hello\",\"id\":\"1\",\"protocol\":" + Limits.PROTOCOL_VERSION + "}");
        bob.sendText("{\"type\":\"auth\",\"id\":\"2\",\"token\":\"" + bobToken + "\"}");
        bob.sendText("{\"type\":\"subscribe\",\"id\":\"3\",\"after\":0}");
        // Not reading for a while: before catch-up was paced, the whole backlog was queued at once and the device
        // was dropped as too slow (16 MiB unsent), on every reconnect.
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(server.server().openWebSockets()).as("bob is still connected").isEqualTo(openBefore + 1);

        List<Event> received = new ArrayList<>();
        List<Reply> replies = new ArrayList<>();
        while (messages(received).size() <= backlog) { // the backlog, then one live message
            if (messages(received).size() == backlog) {
                alice.send(new Request.Send("live", "bob", null, "after-catch-up", "hello again"));
            }
            String text = bob.readText();
            assertThat(text).as("a frame, not a close, after %d events", received.size()).isNotNull();
            ServerFrame frame = CODEC.decodeServerFrame(text);
            if (frame instanceof ServerFrame.Events events) {
                received.addAll(events.events());
            } else if (frame instanceof Reply reply) {
                replies.add(reply);
            }
        }

        assertThat(replies).hasExactlyElementsOfTypes(Reply.HelloOk.class, Reply.AuthOk.class, Reply.SubscribeOk.class);
        for (int i = 0; i < received.size(); i++) {
            assertThat(received.get(i).seq()).as("seq of event %d", i).isEqualTo(i + 1L);
        }
        List<String> ids = messages(received).stream().map(m -> m.message().clientMsgId()).toList();
        assertThat(ids).hasSize(backlog + 1);
        for (int i = 0; i < backlog; i++) {
            assertThat(ids.get(i)).isEqualTo("m" + i);
        }
        assertThat(ids.get(backlog)).isEqualTo("after-catch-up");
        assertThat(server.server().openWebSockets()).isEqualTo(openBefore + 1);
    }

    private static List<Event.MessageEvent> messages(List<Event> events) {
        return events.stream().filter(Event.MessageEvent.class::isInstance).map(Event.MessageEvent.class::cast)
                .toList();
    }
}
