package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Limits;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.support.RawWebSocket;
import dev.confab.server.support.ServerExtension;
import dev.confab.server.support.WsTestClient;
import dev.confab.server.transport.ws.WsEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Abuse that a LAN server must survive: guessing, floods, stuck readers, too many connections. */
@Timeout(120)
class HardeningIntegrationTest {
    @RegisterExtension
    final ServerExtension server = new ServerExtension();

    @Test
    void passwordGuessingIsThrottledWithoutLockingOthersOut() {
        WsTestClient c = server.connect();
        c.register("alice", "password-alice");
        c.register("bob", "password-bob");

        List<ErrorCode> codes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Reply r = c.request(new Request.Login("g" + i, "alice", "guess-" + i + "-xx", "d"));
            codes.add(((Reply.Error) r).code());
        }
        Reply rightPasswordNow = c.request(new Request.Login("ok", "alice", "password-alice", "d"));

        assertThat(codes.subList(0, 5)).containsOnly(ErrorCode.INVALID_CREDENTIALS);
        assertThat(codes.subList(5, 7)).containsOnly(ErrorCode.RATE_LIMITED);
        assertThat(rightPasswordNow).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(server.connect().login("bob", "password-bob", "d").token()).isNotBlank();
    }

    @Test
    void changingThePasswordSignsOutTheOtherDevices() {
        WsTestClient setup = server.connect();
        setup.register("alice", "password-alice");
        WsTestClient laptop = server.connect();
        laptop.login("alice", "password-alice", "laptop");
        WsTestClient desktop = server.connect();
        String desktopToken = desktop.login("alice", "password-alice", "desktop").token();

        Reply wrongOld = laptop.request(new Request.ChangePassword("x", "not-it", "new-password-1"));
        laptop.requestOk(new Request.ChangePassword("c", "password-alice", "new-password-1"), Reply.Ok.class);

        assertThat(wrongOld).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS));
        await().atMost(Duration.ofSeconds(10)).until(() -> !desktop.isOpen());
        assertThat(server.connect().request(new Request.Auth("a", desktopToken))).isInstanceOf(Reply.Error.class);
        assertThat(laptop.requestOk(new Request.Whoami("w"), Reply.WhoamiOk.class).deviceName()).isEqualTo("laptop");
        assertThat(server.connect().request(new Request.Login("o", "alice", "password-alice", "d")))
                .isInstanceOf(Reply.Error.class);
        assertThat(server.connect().login("alice", "new-password-1", "phone").token()).isNotBlank();
    }

    @Test
    void aRequestFloodIsRateLimitedAndTheConnectionSurvives() {
        WsTestClient c = server.connect();

        for (int i = 0; i < 5000; i++) {
            c.send(new Request.Ping("f" + i));
        }
        int limited = 0;
        int pongs = 0;
        for (int i = 0; i < 5000; i++) {
            Reply r = c.nextReply();
            if (r instanceof Reply.Error e && e.code() == ErrorCode.RATE_LIMITED) {
                limited++;
            } else if (r instanceof Reply.Pong) {
                pongs++;
            }
        }

        assertThat(pongs).isGreaterThanOrEqualTo(2000);
        assertThat(limited).as("5000 requests at once exceed the burst of 2000").isPositive();
        assertThat(pongs + limited).isEqualTo(5000);
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(c.request(new Request.Ping("after"))).isInstanceOf(Reply.Pong.class);
    }

    @Test
    void oneAccountCannotHoldUnlimitedConnections() {
        WsTestClient setup = server.connect();
        setup.register("alice", "password-alice");
        String token = setup.login("alice", "password-alice", "d").token();
        List<WsTestClient> held = new ArrayList<>();
        held.add(setup);
        for (int i = 1; i < 32; i++) {
            WsTestClient c = server.connect();
            c.auth(token);
            held.add(c);
        }

        Reply over = server.connect().request(new Request.Auth("x", token));

        assertThat(over).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
        held.get(5).close();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                server.connect().request(new Request.Auth("y", token)) instanceof Reply.AuthOk);
    }

    @Test
    void aReaderThatNeverReadsIsDroppedWhileOthersStayFastAndItCatchesUpLater() throws Exception {
        WsTestClient setup = server.connect();
        setup.register("alice", "password-alice");
        setup.register("stuck", "password-stuck");
        setup.register("carol", "password-carol");
        String stuckToken = setup.login("stuck", "password-stuck", "s").token();
        WsTestClient alice = server.connect();
        alice.login("alice", "password-alice", "a");
        WsTestClient carol = server.connect();
        carol.login("carol", "password-carol", "c");
        RawWebSocket stuck = RawWebSocket.connect(server.port());
        stuck.sendText("{\"type\":\"hello\",\"id\":\"1\",\"protocol\":1}");
        stuck.sendText("{\"type\":\"auth\",\"id\":\"2\",\"token\":\"" + stuckToken + "\"}");
        stuck.sendText("{\"type\":\"subscribe\",\"id\":\"3\",\"after\":0}");
        // Read until one live event has arrived: the stream is then past its catch-up from the store (which is paced
        // by the reader, so a reader stuck during it is not dropped for size), and everything after is pushed live.
        alice.requestOk(new Request.Send("w", "stuck", null, "warm-up", "hi"), Reply.SendOk.class);
        String first = stuck.readText();
        while (!first.contains("warm-up")) {
            first = stuck.readText();
        }

        // The server drops a reader once WsEndpoint.MAX_QUEUED_BYTES sit unsent above what the kernel buffers for
        // the socket, and the kernel's share depends on the machine's TCP settings (tcp_wmem, tcp_rmem). So send
        // until the drop, bounded in count and time, rather than a fixed amount.
        String body = "x".repeat(Limits.MAX_BODY_BYTES - 100);
        long bound = 12 * WsEndpoint.MAX_QUEUED_BYTES / body.length();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Histogram pingMicros = new Histogram(3);
        int sent = 0;
        for (; sent < bound && System.nanoTime() < deadline && server.server().openWebSockets() >= 4; sent++) {
            alice.send(new Request.Send("s" + sent, "stuck", null, "m" + sent, body));
            if (sent % 25 == 0) {
                long start = System.nanoTime();
                assertThat(carol.request(new Request.Ping("p" + sent))).isInstanceOf(Reply.Pong.class);
                pingMicros.recordValue((System.nanoTime() - start) / 1000);
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> server.server().openWebSockets() == 3);
        assertThat(stuck.drainUntilClosed()).as("the server closed the stuck connection").isTrue();
        int accepted = 0;
        for (int i = 0; i < sent; i++) {
            Reply r = alice.nextReply();
            if (r instanceof Reply.SendOk) {
                accepted++;
            } else {
                assertThat(r).as("a send is either stored or refused for its rate")
                        .isInstanceOfSatisfying(Reply.Error.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
            }
        }
        System.out.printf("stuck reader dropped after %d sends (%d stored) of %d bytes; other client's ping p50=%d us "
                        + "p99=%d us max=%d us%n", sent, accepted, body.length(), pingMicros.getValueAtPercentile(50),
                pingMicros.getValueAtPercentile(99), pingMicros.getMaxValue());
        assertThat(pingMicros.getValueAtPercentile(99)).as("p99 ping of an ordinary client, microseconds")
                .isLessThan(2_000_000);
        int total = accepted + 1; // and the warm-up
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            alice.send(new Request.Ping(alice.nextId()));
            return alice.requestOk(new Request.Sync("x" + System.nanoTime(), 0, 1), Reply.SyncOk.class)
                    .latestSeq() == total;
        });
        WsTestClient again = server.connect();
        again.auth(stuckToken);
        again.subscribe(0);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(again.messageEvents())
                .as("events after reconnecting").hasSize(total));
        assertThat(again.messageEvents()).extracting(e -> e.message().clientMsgId()).doesNotHaveDuplicates();
    }
}
