package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.support.ServerExtension;
import dev.confab.server.support.WsTestClient;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad frame gets a clear error, and the same connection keeps working afterwards. */
@Timeout(60)
class BadInputIntegrationTest {
    @RegisterExtension
    final ServerExtension server = new ServerExtension();

    static Stream<Arguments> badFrames() {
        return Stream.of(
                Arguments.of("not json at all", ErrorCode.BAD_FRAME, null),
                Arguments.of("{\"type\":\"ping\",\"id\":\"t1\"", ErrorCode.BAD_FRAME, null),
                Arguments.of("[1,2,3]", ErrorCode.BAD_FRAME, null),
                Arguments.of("\"ping\"", ErrorCode.BAD_FRAME, null),
                Arguments.of("{\"type\":\"ping\",\"id\":\"t2\"} trailing", ErrorCode.BAD_FRAME, "t2"),
                Arguments.of("{\"id\":\"t3\"}", ErrorCode.UNKNOWN_TYPE, "t3"),
                Arguments.of("{\"type\":\"launch_missiles\",\"id\":\"t4\"}", ErrorCode.UNKNOWN_TYPE, "t4"),
                Arguments.of("{\"type\":\"ping\"}", ErrorCode.INVALID_REQUEST, null),
                Arguments.of("{\"type\":\"ping\",\"id\":42}", ErrorCode.INVALID_REQUEST, null),
                Arguments.of("{\"type\":\"sync\",\"id\":\"t5\",\"after\":\"ten\"}", ErrorCode.INVALID_REQUEST, "t5"),
                Arguments.of("{\"type\":\"sync\",\"id\":\"t6\",\"after\":-1}", ErrorCode.INVALID_REQUEST, "t6"),
                Arguments.of("{\"type\":\"sync\",\"id\":\"t7\",\"after\":123456789012345678901234567890}",
                        ErrorCode.INVALID_REQUEST, "t7"),
                Arguments.of("{\"type\":\"sync\",\"id\":\"t8\",\"after\":1.5}", ErrorCode.INVALID_REQUEST, "t8"),
                Arguments.of("{\"type\":\"register\",\"id\":\"t9\",\"username\":\"Bad Name!\",\"password\":\"password1\"}",
                        ErrorCode.INVALID_REQUEST, "t9"),
                Arguments.of("{\"type\":\"register\",\"id\":\"t10\",\"username\":\"okname\",\"password\":\"short\"}",
                        ErrorCode.INVALID_REQUEST, "t10"),
                Arguments.of("{\"type\":\"send\",\"id\":\"t11\",\"to\":\"bob\",\"body\":\"no client id\"}",
                        ErrorCode.INVALID_REQUEST, "t11"),
                Arguments.of("{\"type\":\"send\",\"id\":\"t12\",\"clientMsgId\":\"c\",\"body\":\"nowhere\"}",
                        ErrorCode.INVALID_REQUEST, "t12"),
                Arguments.of("{\"type\":\"history\",\"id\":\"t13\",\"conversationId\":1,\"limit\":1000}",
                        ErrorCode.INVALID_REQUEST, "t13"),
                Arguments.of("{\"type\":\"ping\",\"id\":\"t14\",\"x\":" + "[".repeat(200) + "]".repeat(200) + "}",
                        ErrorCode.BAD_FRAME, "t14"),
                Arguments.of("{\"type\":\"register\",\"id\":\"t15\",\"username\":\"okname\",\"password\":\"password1\","
                        + "\"displayName\":\"\\ud800\"}", ErrorCode.INVALID_REQUEST, "t15"),
                Arguments.of("{\"type\":\"ping\",\"id\":true}", ErrorCode.INVALID_REQUEST, null));
    }

    @ParameterizedTest
    @MethodSource("badFrames")
    void badFrameGetsAClearErrorAndTheConnectionKeepsWorking(String frame, ErrorCode expected, String expectedId) {
        WsTestClient client = server.connect();

        client.sendRaw(frame);
        Reply reply = client.nextReply();

        assertThat(reply).isInstanceOfSatisfying(Reply.Error.class, e -> {
            assertThat(e.code()).isEqualTo(expected);
            assertThat(e.message()).isNotBlank().doesNotContain("dev.confab").doesNotContain("com.fasterxml");
        });
        if (expectedId != null) {
            assertThat(reply.id()).isEqualTo(expectedId);
        }
        assertThat(client.request(new Request.Ping("after"))).isInstanceOf(Reply.Pong.class);
    }

    @Test
    void oversizeFrameIsRefusedAndTheConnectionKeepsWorking() {
        WsTestClient client = server.connect();
        String body = "x".repeat(Limits.MAX_FRAME_BYTES + 10);

        client.sendRaw("{\"type\":\"ping\",\"id\":\"big\",\"pad\":\"" + body + "\"}");
        Reply reply = client.nextReply();

        assertThat(reply).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE));
        assertThat(client.request(new Request.Ping("after"))).isInstanceOf(Reply.Pong.class);
    }

    @Test
    void oversizeBodyIsRefused() {
        WsTestClient client = server.connect();
        client.register("alice", "password-alice");
        client.login("alice", "password-alice", "a");
        String body = "é".repeat(Limits.MAX_BODY_BYTES / 2 + 1);

        client.sendRaw("{\"type\":\"send\",\"id\":\"s\",\"to\":\"alice\",\"clientMsgId\":\"c\",\"body\":\"" + body + "\"}");

        assertThat(client.nextReply()).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @Test
    void requestsBeforeHelloAreRefused() {
        WsTestClient raw = server.connectRaw();

        Reply reply = raw.request(new Request.Ping("p"));

        assertThat(reply).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.HELLO_REQUIRED));
    }

    @Test
    void unsupportedProtocolVersionIsRefused() {
        WsTestClient raw = server.connectRaw();

        Reply reply = raw.request(new Request.Hello("h", 99, "future client"));

        assertThat(reply).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION));
    }

    @Test
    void signedInRequestsWithoutASessionAreRefused() {
        WsTestClient client = server.connect();

        for (Request r : new Request[] {new Request.Whoami("w"), new Request.Sync("s", 0, null),
                new Request.Subscribe("b", 0), new Request.History("h", 1, null, null),
                new Request.Send("x", "bob", null, "c", "hi"), new Request.Logout("l")}) {
            assertThat(client.request(r)).as(r.toString()).isInstanceOfSatisfying(Reply.Error.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        }
    }

    @Test
    void wrongPasswordUnknownUserAndBadTokenAreRefusedAlike() {
        WsTestClient client = server.connect();
        client.register("alice", "password-alice");

        Reply wrong = client.request(new Request.Login("1", "alice", "not-her-password", "d"));
        Reply unknown = client.request(new Request.Login("2", "nobody", "password-x", "d"));
        Reply token = client.request(new Request.Auth("3", "forged-token"));

        assertThat(wrong).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS));
        assertThat(unknown).isEqualTo(new Reply.Error("2", ((Reply.Error) wrong).code(), ((Reply.Error) wrong).message()));
        assertThat(token).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }

    @Test
    void duplicateUsernameIsRefused() {
        WsTestClient client = server.connect();
        client.register("alice", "password-alice");

        Reply again = client.request(new Request.Register("r", "alice", "password-other", null));

        assertThat(again).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.USERNAME_TAKEN));
    }

    @Test
    void sendingToANonexistentUserIsNotFoundAndStoresNothing() {
        WsTestClient client = server.connect();
        client.register("alice", "password-alice");
        client.login("alice", "password-alice", "a");

        Reply reply = client.request(new Request.Send("s", "ghost", null, "c1", "boo"));
        Reply.SyncOk events = client.requestOk(new Request.Sync("y", 0, null), Reply.SyncOk.class);

        assertThat(reply).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(events.events()).isEmpty();
        assertThat(events.latestSeq()).isZero();
    }

    @Test
    void cursorBeyondTheStreamIsBadCursor() {
        WsTestClient client = server.connect();
        client.register("alice", "password-alice");
        client.login("alice", "password-alice", "a");

        Reply reply = client.request(new Request.Subscribe("s", 5));

        assertThat(reply).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CURSOR));
    }

    @Test
    void aClientSendingGarbageDoesNotDisturbOthers() {
        WsTestClient alice = server.connect();
        alice.register("alice", "password-alice");
        alice.register("bob", "password-bob");
        alice.login("alice", "password-alice", "a");
        WsTestClient bob = server.connect();
        bob.login("bob", "password-bob", "b");
        bob.subscribe(0);
        WsTestClient vandal = server.connect();

        for (int i = 0; i < 200; i++) {
            vandal.sendRaw(i % 2 == 0 ? "{{{{" : "{\"type\":\"send\",\"id\":\"v" + i + "\"}");
        }
        Reply.SendOk ok = alice.sendTo("bob", "m", "still here");

        assertThat(ok.seq()).isEqualTo(1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> bob.eventBodies().contains("still here"));
        assertThat(vandal.request(new Request.Ping("alive"))).isInstanceOf(Reply.Pong.class);
    }
}
