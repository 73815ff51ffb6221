package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.support.ServerProcess;
import dev.confab.server.support.WsTestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledged means durable: kill -9 the server mid-burst, restart it, and count. */
@Timeout(180)
class CrashRecoveryIntegrationTest {
    private static final int PER_ROUND = 400;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedMessageSurvivesKillNineExactlyOnce() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<String> attempted = new ArrayList<>();
        String aliceToken;
        String bobToken;
        try (ServerProcess first = ServerProcess.start(dataDir, 0)) {
            WsTestClient setup = WsTestClient.connect(first.port());
            setup.hello();
            setup.register("alice", "password-alice");
            setup.register("bob", "password-bob");
            aliceToken = setup.login("alice", "password-alice", "a").token();
            setup.close();
            WsTestClient bobSetup = WsTestClient.connect(first.port());
            bobSetup.hello();
            bobToken = bobSetup.login("bob", "password-bob", "b").token();
            bobSetup.close();
            burstThenKill(first, aliceToken, 0, acknowledged, attempted);
        }
        for (int round = 1; round < 3; round++) {
            try (ServerProcess again = ServerProcess.start(dataDir, 0)) {
                burstThenKill(again, aliceToken, round, acknowledged, attempted);
            }
        }

        try (ServerProcess last = ServerProcess.start(dataDir, 0)) {
            WsTestClient bob = WsTestClient.connect(last.port());
            bob.hello();
            bob.auth(bobToken);
            bob.subscribe(0);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> bob.events().size() >= acknowledged.size()
                            && bob.events().size() == bob.requestOk(new Request.Sync("n" + System.nanoTime(), 0, 1),
                                    Reply.SyncOk.class).latestSeq());

            List<Message> received = bob.events().stream().map(e -> ((Event.MessageEvent) e).message()).toList();
            List<String> ids = received.stream().map(Message::clientMsgId).toList();
            assertThat(new HashSet<>(ids)).as("every acknowledged message is there").containsAll(acknowledged);
            assertThat(ids).as("nothing twice").doesNotHaveDuplicates();
            assertThat(attempted).containsAll(ids);
            assertThat(bob.events()).extracting(Event::seq).as("the event stream has no gaps")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, ids.size()).boxed().toList());
            assertThat(received).extracting(Message::seq).as("the conversation seq has no gaps")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, ids.size()).boxed().toList());

            // The client's outbox would now resend everything unacknowledged: that must not duplicate.
            WsTestClient alice = WsTestClient.connect(last.port());
            alice.hello();
            alice.auth(aliceToken);
            for (String id : attempted) {
                alice.send(new Request.Send("re-" + id, "bob", null, id, "body " + id));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> bob.events().size() == attempted.size());
            List<String> finalIds = bob.events().stream()
                    .map(e -> ((Event.MessageEvent) e).message().clientMsgId()).toList();
            assertThat(finalIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(attempted);
            assertThat(last.terminate()).as("SIGTERM exit code").isEqualTo(143);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(last.output())
                    .as("output of the stopped server").contains("Confab server stopped."));
        }
        try (ServerProcess reopened = ServerProcess.start(dataDir, 0)) {
            WsTestClient bob = WsTestClient.connect(reopened.port());
            bob.hello();
            bob.auth(bobToken);
            assertThat(bob.requestOk(new Request.Sync("s", 0, 1), Reply.SyncOk.class).latestSeq())
                    .as("after a graceful stop everything is still there").isEqualTo(attempted.size());
        }
    }

    /**
     * Four connections of alice (four desktops) send pipelined bursts at once; the server is killed once about
     * half of all sends are acknowledged.
     */
    private static void burstThenKill(ServerProcess server, String token, int round, Set<String> acknowledged,
                                      List<String> attempted) throws InterruptedException {
        int senders = 4;
        Set<String> ackedThisRound = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int d = 0; d < senders; d++) {
            WsTestClient alice = WsTestClient.connect(server.port());
            alice.hello();
            alice.auth(token);
            List<String> ids = IntStream.range(0, PER_ROUND / senders).mapToObj(i -> "r" + round + "-" + alice.hashCode()
                    + "-" + i).collect(Collectors.toList());
            synchronized (attempted) {
                attempted.addAll(ids);
            }
            Thread collector = new Thread(() -> {
                try {
                    while (true) {
                        Reply reply = alice.nextReply();
                        if (reply instanceof Reply.SendOk ok) {
                            ackedThisRound.add(ok.clientMsgId());
                            acknowledged.add(ok.clientMsgId());
                        }
                    }
                } catch (AssertionError | RuntimeException e) {
                    // the server died (or everything was acknowledged): no more replies
                }
            });
            collector.start();
            threads.add(collector);
            Thread sender = new Thread(() -> {
                try {
                    for (String id : ids) {
                        alice.send(new Request.Send("s-" + id, "bob", null, id, "body " + id));
                    }
                } catch (RuntimeException e) {
                    // the server died mid-burst
                }
            });
            sender.start();
            threads.add(sender);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                .until(() -> ackedThisRound.size() >= PER_ROUND / 2);
        server.kill9();
        for (Thread t : threads) {
            t.join(15_000);
        }
        assertThat(ackedThisRound).as("round " + round + " acknowledged some sends before the kill").isNotEmpty();
    }
}
