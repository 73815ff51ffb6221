package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.support.HttpTestClient;
import dev.confab.server.support.ServerExtension;
import dev.confab.server.support.WsTestClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP transport serves the same requests and the same event stream as the WebSocket. */
@Timeout(60)
class HttpTransportIntegrationTest {
    @RegisterExtension
    final ServerExtension server = new ServerExtension();

    private HttpTestClient http;
    private String aliceToken;
    private String bobToken;

    @BeforeEach
    void users() {
        http = server.http();
        assertThat(http.rpc(new Request.Register("1", "alice", "password-alice", "Alice"), null).status()).isEqualTo(200);
        assertThat(http.rpc(new Request.Register("2", "bob", "password-bob", null), null).status()).isEqualTo(200);
        aliceToken = ((Reply.LoginOk) http.rpc(new Request.Login("3", "alice", "password-alice", "a"), null).frame()).token();
        bobToken = ((Reply.LoginOk) http.rpc(new Request.Login("4", "bob", "password-bob", "b"), null).frame()).token();
    }

    @Test
    void healthIsOkWhenReady() {
        HttpTestClient.Response health = http.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"ok\"");
    }

    @Test
    void sendOverHttpIsDeliveredToAWebSocketSubscriber() {
        WsTestClient bob = server.connect();
        bob.auth(bobToken);
        bob.subscribe(0);

        HttpTestClient.Response sent = http.rpc(new Request.Send("s", "bob", null, "h1", "over http"), aliceToken);

        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.frame()).isInstanceOf(Reply.SendOk.class);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> bob.eventBodies().contains("over http"));
    }

    @Test
    void longPollReturnsAtOnceWhenEventsExist() {
        http.rpc(new Request.Send("s", "bob", null, "h1", "waiting for you"), aliceToken);

        long started = System.nanoTime();
        HttpTestClient.Response poll = http.events("after=0&wait=20", bobToken);

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
        Reply.SyncOk page = (Reply.SyncOk) poll.frame();
        assertThat(page.events()).hasSize(1);
        assertThat(((Event.MessageEvent) page.events().get(0)).message().body()).isEqualTo("waiting for you");
        assertThat(page.latestSeq()).isEqualTo(1);
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void longPollWakesWhenAnEventArrives() throws Exception {
        CompletableFuture<HttpTestClient.Response> poll =
                CompletableFuture.supplyAsync(() -> http.events("after=0&wait=25", bobToken));
        org.awaitility.Awaitility.await().pollDelay(java.time.Duration.ofMillis(300))
                .atMost(java.time.Duration.ofSeconds(5)).until(() -> true);
        assertThat(poll).isNotDone();

        http.rpc(new Request.Send("s", "bob", null, "h1", "wake up"), aliceToken);

        Reply.SyncOk page = (Reply.SyncOk) poll.get(10, TimeUnit.SECONDS).frame();
        assertThat(page.events()).extracting(Event::seq).containsExactly(1L);
    }

    @Test
    void longPollTimesOutEmpty() {
        HttpTestClient.Response poll = http.events("after=0&wait=1", bobToken);

        Reply.SyncOk page = (Reply.SyncOk) poll.frame();
        assertThat(poll.status()).isEqualTo(200);
        assertThat(page.events()).isEmpty();
        assertThat(page.latestSeq()).isZero();
    }

    @Test
    void longPollAndWebSocketSeeTheSameStream() {
        for (int i = 0; i < 30; i++) {
            http.rpc(new Request.Send("s" + i, "bob", null, "c" + i, "m" + i), aliceToken);
        }
        WsTestClient bobWs = server.connect();
        bobWs.auth(bobToken);
        bobWs.subscribe(10);

        Reply.SyncOk page = (Reply.SyncOk) http.events("after=10&limit=5&wait=0", bobToken).frame();

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> bobWs.events().size() == 20);
        assertThat(page.events()).extracting(Event::seq).containsExactly(11L, 12L, 13L, 14L, 15L);
        assertThat(page.hasMore()).isTrue();
        assertThat(bobWs.events().subList(0, 5)).isEqualTo(page.events());
    }

    @Test
    void badRequestsGetErrorFramesAndStatusCodes() {
        assertThat(http.rpcRaw("{nope", aliceToken).status()).isEqualTo(400);
        assertThat(((Reply.Error) http.rpcRaw("{nope", aliceToken).frame()).code()).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(http.rpc(new Request.Whoami("w"), null).status()).isEqualTo(401);
        assertThat(http.rpc(new Request.Whoami("w"), "forged").status()).isEqualTo(401);
        assertThat(http.rpc(new Request.Send("s", "ghost", null, "c", "x"), aliceToken).status()).isEqualTo(404);
        assertThat(http.rpc(new Request.Register("r", "alice", "password-x", null), null).status()).isEqualTo(409);
        assertThat(http.rpcRaw("{\"type\":\"ping\",\"id\":\"p\",\"pad\":\"" + "x".repeat(70_000) + "\"}", null).status())
                .isEqualTo(413);
        assertThat(http.rpc(new Request.Subscribe("s", 0), aliceToken).status()).isEqualTo(400);
        assertThat(http.events("after=-1", aliceToken).status()).isEqualTo(400);
        assertThat(http.events("after=0&wait=99", aliceToken).status()).isEqualTo(400);
        assertThat(http.events("after=0&wait=0", null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/nothing").status()).isEqualTo(404);
        assertThat(http.rpc(new Request.Ping("p"), null).frame()).isInstanceOf(Reply.Pong.class);
    }

    @Test
    void whoamiOverHttpUsesTheBearerToken() {
        Reply.WhoamiOk me = (Reply.WhoamiOk) http.rpc(new Request.Whoami("w"), aliceToken).frame();

        assertThat(me.username()).isEqualTo("alice");
        assertThat(me.displayName()).isEqualTo("Alice");
    }
}
