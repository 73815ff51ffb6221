package dev.confab.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.Event;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.ConfabServer;
import dev.confab.server.ServerConfig;
import dev.confab.server.lan.TlsSettings;
import dev.confab.server.support.WsTestClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A backup taken while two users chat, restored into a fresh directory, holds every acknowledged message. */
@Timeout(120)
class BackupRestoreIntegrationTest {
    @TempDir
    Path root;

    @Test
    void backupUnderTrafficRestoresEveryMessageAcknowledgedBeforeIt() throws Exception {
        Path live = root.resolve("live");
        Path backup = root.resolve("backup");
        Path restored = root.resolve("restored");
        TlsSettings tls = TlsSettings.selfSigned().withPlainLocalPort(0);
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> acknowledgedBeforeBackup;
        String bobToken;
        String fingerprint;

        try (ConfabServer server = ConfabServer.start(ServerConfig.forTests(live).withTls(tls))) {
            int port = server.tls().orElseThrow().plainLocalPort();
            fingerprint = server.tls().orElseThrow().fingerprint();
            String aliceToken = account(port, "alice");
            bobToken = account(port, "bob");
            AtomicBoolean stop = new AtomicBoolean();
            Thread aliceTalks = talk(port, aliceToken, "bob", "a", stop, attempted, acknowledged);
            Thread bobTalks = talk(port, bobToken, "alice", "b", stop, attempted, acknowledged);
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 300);

            acknowledgedBeforeBackup = Set.copyOf(acknowledged);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = BackupCommand.run(new String[] {"--data-dir", live.toString(), "--to", backup.toString()},
                    live, "test", new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Backup of the running server");
            int atBackupEnd = acknowledged.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= atBackupEnd + 100);
            stop.set(true);
            aliceTalks.join(10_000);
            bobTalks.join(10_000);
            assertThat(acknowledged.size()).as("traffic went on during and after the backup")
                    .isGreaterThan(acknowledgedBeforeBackup.size());
        }

        assertThat(RestoreCommand.run(new String[] {"--from", backup.toString(), "--data-dir", restored.toString()},
                restored, System.out, System.err)).isZero();

        try (ConfabServer server = ConfabServer.start(ServerConfig.forTests(restored).withTls(tls))) {
            assertThat(server.tls().orElseThrow().fingerprint()).as("the certificate came back too")
                    .isEqualTo(fingerprint);
            try (WsTestClient bob = WsTestClient.connect(server.tls().orElseThrow().plainLocalPort())) {
                bob.hello();
                bob.auth(bobToken);
                long latest = bob.requestOk(new Request.Sync(bob.nextId(), 0, 1), Reply.SyncOk.class).latestSeq();
                bob.subscribe(0);
                await().atMost(Duration.ofSeconds(30)).until(() -> bob.events().size() >= latest);

                List<Event.MessageEvent> events = bob.messageEvents();
                List<String> ids = events.stream().map(e -> e.message().clientMsgId()).toList();
                assertThat(new HashSet<>(ids)).as("every message acknowledged before the backup")
                        .containsAll(acknowledgedBeforeBackup);
                assertThat(ids).doesNotHaveDuplicates();
                assertThat(attempted).containsAll(ids);
                assertThat(bob.events()).extracting(Event::seq).as("bob's event stream has no gaps")
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, latest).boxed().toList());
            }
        }
    }

    private static String account(int port, String name) {
        try (WsTestClient c = WsTestClient.connect(port)) {
            c.hello();
            c.register(name, "password-" + name);
            return c.login(name, "password-" + name, "desk").token();
        }
    }

    /** Sends one message after another (each waits for its acknowledgement) until told to stop. */
    private static Thread talk(int port, String token, String to, String prefix, AtomicBoolean stop,
                               Set<String> attempted, Set<String> acknowledged) {
        WsTestClient client = WsTestClient.connect(port);
        client.hello();
        client.auth(token);
        Thread t = new Thread(() -> {
            try (client) {
                for (int i = 0; !stop.get(); i++) {
                    String id = prefix + "-" + i;
                    attempted.add(id);
                    client.sendTo(to, id, "message " + id);
                    acknowledged.add(id);
                }
            }
        }, "talk-" + prefix);
        t.start();
        return t;
    }
}
