package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.support.ServerExtension;
import dev.confab.server.support.WsTestClient;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(60)
class ChatIntegrationTest {
    @RegisterExtension
    final ServerExtension server = new ServerExtension();

    private WsTestClient signedIn(String username, String device) {
        WsTestClient c = server.connect();
        c.login(username, "password-" + username, device);
        return c;
    }

    private void register(String... usernames) {
        WsTestClient c = server.connect();
        for (String u : usernames) {
            c.register(u, "password-" + u);
        }
        c.close();
    }

    @Test
    void messageSentIsAcknowledgedAndDeliveredLiveToRecipientAndSendersOtherDevice() {
        register("alice", "bob");
        WsTestClient alice = signedIn("alice", "laptop");
        WsTestClient alicePhone = signedIn("alice", "desktop");
        WsTestClient bob = signedIn("bob", "desktop");
        alicePhone.subscribe(0);
        bob.subscribe(0);

        Reply.SendOk ok = alice.sendTo("bob", "m1", "hello bob");

        assertThat(ok.seq()).isEqualTo(1);
        assertThat(ok.duplicate()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.events().size() == 1 && alicePhone.events().size() == 1);
        Message received = ((Event.MessageEvent) bob.events().get(0)).message();
        assertThat(received.from()).isEqualTo("alice");
        assertThat(received.to()).isEqualTo("bob");
        assertThat(received.body()).isEqualTo("hello bob");
        assertThat(received.conversationId()).isEqualTo(ok.conversationId());
        assertThat(alicePhone.eventBodies()).containsExactly("hello bob");
    }

    @Test
    void conversationSeqIsDenseAndSharedByBothDirections() {
        register("alice", "bob");
        WsTestClient alice = signedIn("alice", "a");
        WsTestClient bob = signedIn("bob", "b");

        List<Long> seqs = IntStream.range(0, 10).mapToObj(i -> (i % 2 == 0 ? alice : bob)
                .sendTo(i % 2 == 0 ? "bob" : "alice", "c" + i, "msg " + i).seq()).toList();

        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void resendWithSameClientMsgIdNeverDuplicates() {
        register("alice", "bob");
        WsTestClient alice = signedIn("alice", "a");
        WsTestClient bob = signedIn("bob", "b");
        bob.subscribe(0);

        Reply.SendOk first = alice.sendTo("bob", "same-id", "once");
        Reply.SendOk again = alice.sendTo("bob", "same-id", "once");
        WsTestClient aliceAgain = signedIn("alice", "a2");
        Reply.SendOk third = aliceAgain.sendTo("bob", "same-id", "once");

        assertThat(again.duplicate()).isTrue();
        assertThat(third.duplicate()).isTrue();
        assertThat(again.seq()).isEqualTo(first.seq());
        assertThat(third.seq()).isEqualTo(first.seq());
        alice.sendTo("bob", "next", "twice?");
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.events().size() == 2);
        assertThat(bob.eventBodies()).containsExactly("once", "twice?");
    }

    @Test
    void pipelinedSendsFromOneConnectionKeepTheirOrder() {
        register("alice", "bob");
        WsTestClient alice = signedIn("alice", "a");
        WsTestClient bob = signedIn("bob", "b");
        bob.subscribe(0);

        for (int i = 0; i < 200; i++) {
            alice.send(new Request.Send("p" + i, "bob", null, "p" + i, "n" + i));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> bob.events().size() == 200);
        assertThat(bob.eventBodies()).containsExactlyElementsOf(IntStream.range(0, 200).mapToObj(i -> "n" + i).toList());
        assertThat(bob.events()).extracting(Event::seq).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 200).mapToObj(i -> (long) i).toList());
    }

    @Test
    void reconnectWithCursorReceivesExactlyWhatWasMissed() {
        register("alice", "bob");
        WsTestClient alice = signedIn("alice", "a");
        WsTestClient bob = signedIn("bob", "b");
        bob.subscribe(0);
        alice.sendTo("bob", "1", "one");
        alice.sendTo("bob", "2", "two");
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.events().size() == 2);
        long cursor = bob.events().get(1).seq();
        String token = server.connect().login("bob", "password-bob", "b2").token();
        bob.close();

        alice.sendTo("bob", "3", "three");
        alice.sendTo("bob", "4", "four");
        WsTestClient bobAgain = server.connect();
        bobAgain.auth(token);
        Reply.SubscribeOk sub = bobAgain.subscribe(cursor);
        alice.sendTo("bob", "5", "five");

        assertThat(sub.latestSeq()).isGreaterThanOrEqualTo(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> bobAgain.events().size() == 3);
        assertThat(bobAgain.eventBodies()).containsExactly("three", "four", "five");
        assertThat(bobAgain.events()).extracting(Event::seq).containsExactly(3L, 4L, 5L);
    }

    @Test
    void subscribeDuringConcurrentTrafficDeliversEveryEventOnceInOrder() {
        register("alice", "bob");
        WsTestClient alice = signedIn("alice", "a");
        WsTestClient bob = signedIn("bob", "b");
        for (int i = 0; i < 300; i++) {
            alice.send(new Request.Send("s" + i, "bob", null, "s" + i, "m" + i));
            if (i == 150) {
                bob.send(new Request.Subscribe("sub", 0));
            }
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> bob.events().size() >= 300);
        assertThat(bob.events()).extracting(Event::seq).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 300).mapToObj(i -> (long) i).toList());
    }

    @Test
    void historyPagesBackwardsOldestFirstWithHasMore() {
        register("alice", "bob");
        WsTestClient alice = signedIn("alice", "a");
        long conversation = 0;
        for (int i = 1; i <= 120; i++) {
            conversation = alice.sendTo("bob", "h" + i, "m" + i).conversationId();
        }

        Reply.HistoryOk latest = alice.requestOk(new Request.History("h1", conversation, null, 50), Reply.HistoryOk.class);
        Reply.HistoryOk older = alice.requestOk(new Request.History("h2", conversation, latest.messages().get(0).seq(), 50),
                Reply.HistoryOk.class);
        Reply.HistoryOk oldest = alice.requestOk(new Request.History("h3", conversation, older.messages().get(0).seq(), 50),
                Reply.HistoryOk.class);

        assertThat(latest.messages()).extracting(Message::seq).first().isEqualTo(71L);
        assertThat(latest.messages()).extracting(Message::seq).last().isEqualTo(120L);
        assertThat(latest.hasMore()).isTrue();
        assertThat(older.messages()).extracting(Message::seq).containsExactlyElementsOf(
                IntStream.rangeClosed(21, 70).mapToObj(i -> (long) i).toList());
        assertThat(oldest.messages()).extracting(Message::seq).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 20).mapToObj(i -> (long) i).toList());
        assertThat(oldest.hasMore()).isFalse();
    }

    @Test
    void outsiderCannotReadOrSendIntoSomeoneElsesConversation() {
        register("alice", "bob", "eve");
        WsTestClient alice = signedIn("alice", "a");
        long conversation = alice.sendTo("bob", "x", "secret").conversationId();
        WsTestClient eve = signedIn("eve", "e");

        Reply history = eve.request(new Request.History("h", conversation, null, null));
        Reply send = eve.request(new Request.Send("s", null, conversation, "e1", "let me in"));
        Reply missing = eve.request(new Request.History("m", 999_999, null, null));

        assertThat(history).isInstanceOfSatisfying(Reply.Error.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(send).isInstanceOfSatisfying(Reply.Error.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(missing).isInstanceOfSatisfying(Reply.Error.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void sendIntoConversationByIdReachesThePeer() {
        register("alice", "bob");
        WsTestClient alice = signedIn("alice", "a");
        WsTestClient bob = signedIn("bob", "b");
        long conversation = alice.sendTo("bob", "1", "first").conversationId();

        Reply.SendOk reply = bob.requestOk(new Request.Send("s", null, conversation, "b1", "reply"), Reply.SendOk.class);
        alice.subscribe(0);

        assertThat(reply.seq()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.events().size() == 2);
        assertThat(((Event.MessageEvent) alice.events().get(1)).message().to()).isEqualTo("alice");
    }

    @Test
    void messagesSurviveAGracefulRestart() throws Exception {
        register("alice", "bob");
        WsTestClient alice = signedIn("alice", "a");
        String bobToken = server.connect().login("bob", "password-bob", "b").token();
        for (int i = 0; i < 20; i++) {
            alice.sendTo("bob", "r" + i, "m" + i);
        }

        server.restart();
        WsTestClient bob = server.connect();
        bob.auth(bobToken);
        bob.subscribe(0);

        await().atMost(Duration.ofSeconds(10)).until(() -> bob.events().size() == 20);
        assertThat(bob.eventBodies()).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "m" + i).toList());
        WsTestClient alice2 = server.connect();
        alice2.login("alice", "password-alice", "a2");
        assertThat(alice2.sendTo("bob", "after", "after restart").seq()).isEqualTo(21);
    }

    @Test
    void logoutRevokesTheTokenAndClosesTheDevicesOtherConnections() {
        register("alice");
        WsTestClient first = server.connect();
        String token = first.login("alice", "password-alice", "a").token();
        first.close();
        WsTestClient one = server.connect();
        one.auth(token);
        WsTestClient two = server.connect();
        two.auth(token);

        one.requestOk(new Request.Logout("bye"), Reply.LogoutOk.class);

        await().atMost(Duration.ofSeconds(10)).until(() -> !two.isOpen() && !one.isOpen());
        Reply again = server.connect().request(new Request.Auth("a", token));
        assertThat(again).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }

    @Test
    void whoamiDescribesTheDevice() {
        register("alice");
        WsTestClient alice = signedIn("alice", "work laptop");

        Reply.WhoamiOk me = alice.requestOk(new Request.Whoami("w"), Reply.WhoamiOk.class);

        assertThat(me.username()).isEqualTo("alice");
        assertThat(me.displayName()).isEqualTo("alice");
        assertThat(me.deviceName()).isEqualTo("work laptop");
    }
}
