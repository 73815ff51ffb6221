package dev.confab.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.support.Device;
import dev.confab.client.support.OutboxChild;
import dev.confab.client.support.TestServer;
import dev.confab.protocol.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client process is killed with SIGKILL while it sends: every message the app had accepted (send returned)
 * is in the outbox or already delivered, and after a restart on the same store each arrives exactly once.
 */
@Timeout(120)
class ClientKillNineIntegrationTest {
    @TempDir
    Path root;

    @Test
    void killedClientLosesNoQueuedMessageAndDuplicatesNone() throws Exception {
        try (TestServer server = TestServer.start(root.resolve("server"))) {
            Device bob = Device.create("bob", "bob-pc", root.resolve("bob"), server.port(), c -> c).open();
            bob.register();
            bob.login();
            Device alice = Device.create("alice", "alice-pc", root.resolve("alice"), server.port(), c -> c).open();
            alice.register();
            alice.login();
            alice.closeClient();

            List<String> queued = new CopyOnWriteArrayList<>();
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(javaBin, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    OutboxChild.class.getName(), "http://127.0.0.1:" + server.port(), root.resolve("alice").toString(),
                    "bob", "400").redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("queued ")) {
                            queued.add(line.substring(7).trim());
                        }
                    }
                } catch (IOException e) {
                    // killed
                }
            });
            reader.setDaemon(true);
            reader.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> queued.size() >= 150 || !child.isAlive());
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            reader.join(5000);
            Set<String> accepted = new HashSet<>(queued);
            assertThat(accepted).as("the child queued messages before it was killed").hasSizeGreaterThanOrEqualTo(150);

            alice.open();
            await().atMost(Duration.ofSeconds(60)).until(() -> bob.received().stream()
                    .map(Message::clientMsgId).collect(Collectors.toSet()).containsAll(accepted));
            await().atMost(Duration.ofSeconds(30)).until(() -> alice.client().outbox().isEmpty());

            List<String> ids = bob.received().stream().map(Message::clientMsgId).toList();
            assertThat(ids).as("nothing twice").doesNotHaveDuplicates();
            System.out.printf("client killed after %d accepted sends; all %d delivered exactly once after restart"
                    + " (%d delivered in all)%n", accepted.size(), accepted.size(), ids.size());
            alice.close();
            bob.close();
        }
    }
}
