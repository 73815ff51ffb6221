package dev.confab.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.support.ServerExtension;
import dev.confab.server.support.WsTestClient;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of random and mutated frames from a signed-in attacker against the real dispatcher: every frame gets
 * exactly one reply, the server keeps serving, and another user's stored conversation is untouched.
 */
@Timeout(120)
class LiveFuzzIntegrationTest {
    static final int CASES = 4000;

    @RegisterExtension
    final ServerExtension server = new ServerExtension();

    @Test
    void randomFramesGetRepliesAndDamageNothing() {
        WsTestClient alice = server.connect();
        alice.register("alice", "password-alice");
        alice.register("bob", "password-bob");
        alice.register("mallory", "password-mallory");
        alice.login("alice", "password-alice", "a");
        for (int i = 0; i < 20; i++) {
            alice.sendTo("bob", "keep" + i, "precious " + i);
        }
        WsTestClient mallory = server.connect();
        mallory.login("mallory", "password-mallory", "m");

        Arbitrary<String> frames = Arbitraries.oneOf(FrameFuzzTest.mutatedSeeds(), FrameFuzzTest.nested(),
                FrameFuzzTest.hugeNumbers(), FrameFuzzTest.invalidSurrogates(),
                Arbitraries.strings().ofMaxLength(200).map(s -> "{\"type\":\"send\",\"id\":\"x\",\"conversationId\":"
                        + "1,\"clientMsgId\":\"f\",\"body\":\"" + s.replace("\\", "").replace("\"", "") + "\"}"),
                Arbitraries.longs().between(-5, 1000).withDistribution(RandomDistribution.uniform())
                        .map(c -> "{\"type\":\"history\",\"id\":\"h\",\"conversationId\":" + c + "}"));
        List<String> sample = frames.sampleStream().limit(CASES).toList();
        int replies = 0;
        for (String frame : sample) {
            mallory.sendRaw(frame);
            try {
                mallory.nextReply();
            } catch (AssertionError e) {
                throw new AssertionError("no reply within 10 s to: " + frame, e);
            }
            replies++;
            if (replies % 500 == 0) {
                // The fuzzer may run into the request rate limit itself; alive means a pong comes back soon.
                int checked = replies;
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                        mallory.request(new Request.Ping("alive" + checked + "-" + System.nanoTime()))
                                instanceof Reply.Pong);
            }
        }

        assertThat(replies).isEqualTo(CASES);
        WsTestClient bob = server.connect();
        bob.login("bob", "password-bob", "b");
        Reply.HistoryOk history = bob.requestOk(new Request.History("h", 1, null, 100), Reply.HistoryOk.class);
        assertThat(history.messages()).extracting(m -> Tuple.of(m.from(), m.body()))
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20)
                        .mapToObj(i -> Tuple.of("alice", "precious " + i)).toList());
        bob.subscribe(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.messageEvents().stream()
                .filter(e -> e.message().conversationId() == 1).count() == 20);
        System.out.println("live fuzz: " + CASES + " frames, " + replies + " replies, server healthy");
    }
}
