package dev.confab.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.support.ChildServer;
import dev.confab.client.support.Deliveries;
import dev.confab.client.support.Device;
import dev.confab.client.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients against a real server through fault-injecting proxies (one per device). Every scenario ends
 * with the delivery contract: each message reaches every device of sender and recipient exactly once, in
 * conversation order. Catch-up times are printed for the record.
 */
@Timeout(90)
class ConnectionResilienceIntegrationTest {
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    @TempDir
    Path root;

    private final List<Device> devices = new ArrayList<>();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (Device d : devices) {
            d.close();
        }
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    private Device device(String user, String name, int port, UnaryOperator<ClientConfig> tune) throws Exception {
        Device d = Device.create(user, name, root.resolve(name), port, tune).open();
        devices.add(d);
        return d;
    }

    /** alice (laptop + phone) and bob (one device), registered, signed in and online over WebSocket. */
    private void aliceTwiceAndBob(int port) throws Exception {
        Device alice = device("alice", "alice-laptop", port, c -> c);
        device("alice", "alice-phone", port, c -> c);
        Device bob = device("bob", "bob-laptop", port, c -> c);
        alice.register();
        bob.register();
        for (Device d : devices) {
            d.login();
        }
        awaitOnline(TransportKind.WEBSOCKET, devices.toArray(new Device[0]));
    }

    private Device alice() {
        return devices.get(0);
    }

    private Device bob() {
        return devices.stream().filter(d -> d.user().equals("bob")).findFirst().orElseThrow();
    }

    private void exchange(int each, String tag) {
        for (int i = 0; i < each; i++) {
            alice().send("bob", tag + " a" + i);
            bob().send("alice", tag + " b" + i);
        }
    }

    private static void awaitOnline(TransportKind kind, Device... ds) {
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(5))
                .until(() -> List.of(ds).stream().allMatch(d -> d.isOnline(kind)));
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void gracefulServerRestartMidConversationLosesAndRepeatsNothing() throws Exception {
        TestServer server = TestServer.start(root.resolve("server"));
        servers.add(server);
        aliceTwiceAndBob(server.port());
        exchange(20, "before");

        server.stop();
        exchange(20, "while down");
        server.startAgain();

        long ms = Deliveries.awaitAllCaughtUp(devices, CATCH_UP);
        System.out.printf("[scenario 1 graceful] server back -> all devices caught up in %d ms%n", ms);
        Deliveries.assertExactlyOnceInOrder(devices);
    }

    @Test
    void killedServerProcessMidConversationLosesAndRepeatsNothing() throws Exception {
        ChildServer first = ChildServer.start(root.resolve("server"), 0);
        servers.add(first);
        aliceTwiceAndBob(first.port());
        exchange(20, "before");

        first.kill9();
        exchange(20, "while dead");
        ChildServer second = ChildServer.start(root.resolve("server"), first.port());
        servers.add(second);

        long ms = Deliveries.awaitAllCaughtUp(devices, CATCH_UP);
        System.out.printf("[scenario 1 kill -9] server back -> all devices caught up in %d ms%n", ms);
        Deliveries.assertExactlyOnceInOrder(devices);
    }

    @Test
    void connectionsCutRepeatedlyWhileTwoClientsExchangeHundredsOfMessages() throws Exception {
        TestServer server = TestServer.start(root.resolve("server"));
        servers.add(server);
        aliceTwiceAndBob(server.port());
        device("bob", "bob-phone", server.port(), c -> c).login();
        awaitOnline(TransportKind.WEBSOCKET, devices.toArray(new Device[0]));

        List<Long> online = new ArrayList<>();
        List<Long> caughtUp = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            exchange(20, "round " + round);
            long cut = System.nanoTime();
            devices.forEach(d -> d.proxy().cutAll());
            awaitOnline(TransportKind.WEBSOCKET, devices.toArray(new Device[0]));
            online.add(millisSince(cut));
            Deliveries.awaitAllCaughtUp(devices, CATCH_UP);
            caughtUp.add(millisSince(cut));
        }

        System.out.printf("[scenario 2 cuts] 320 messages, 8 cuts of all links; link restored at once;"
                + " online again after %s ms; all caught up after %s ms%n", online, caughtUp);
        Deliveries.assertExactlyOnceInOrder(devices);
    }

    @Test
    void halfOpenLinkIsNoticedWithinTheHeartbeatDeadlineAndRecovers() throws Exception {
        TestServer server = TestServer.start(root.resolve("server"));
        servers.add(server);
        aliceTwiceAndBob(server.port());
        exchange(5, "before");
        Deliveries.awaitAllCaughtUp(devices, CATCH_UP);

        long silent = System.nanoTime();
        alice().proxy().goSilent();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> !(alice().state() instanceof ConnectionState.Online));
        long noticed = millisSince(silent);
        exchange(10, "during");
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(Deliveries.caughtUp(alice(), devices)).as("alice's laptop hears nothing while cut off").isFalse();

        alice().proxy().restore();
        long ms = Deliveries.awaitAllCaughtUp(devices, CATCH_UP);

        System.out.printf("[scenario 3 half-open] dead link noticed after %d ms (deadline 500 ms + check);"
                + " link restored -> all caught up in %d ms%n", noticed, ms);
        assertThat(noticed).isLessThan(1500);
        Deliveries.assertExactlyOnceInOrder(devices);
    }

    @Test
    void blockedWebSocketFallsBackToLongPollKeepsChattingAndUpgradesBack() throws Exception {
        TestServer server = TestServer.start(root.resolve("server"));
        servers.add(server);
        aliceTwiceAndBob(server.port());

        long blocked = System.nanoTime();
        alice().proxy().blockWebSockets(true);
        alice().proxy().cutAll();
        awaitOnline(TransportKind.LONG_POLL, alice());
        long fellBack = millisSince(blocked);
        exchange(30, "on long-poll");
        long lpCatchUp = Deliveries.awaitAllCaughtUp(devices, CATCH_UP);

        exchange(10, "upgrading");
        long unblocked = System.nanoTime();
        alice().proxy().blockWebSockets(false);
        awaitOnline(TransportKind.WEBSOCKET, alice());
        long upgraded = millisSince(unblocked);
        Deliveries.awaitAllCaughtUp(devices, CATCH_UP);
        long caughtUp = millisSince(unblocked);

        System.out.printf("[scenario 4 fallback] on long-poll %d ms after the block (%d upgrades refused);"
                + " 60 messages caught up over long-poll in %d ms; block lifted -> WebSocket again after %d ms,"
                + " all caught up after %d ms%n", fellBack, alice().proxy().refusedUpgrades(), lpCatchUp, upgraded,
                caughtUp);
        assertThat(alice().states()).contains(new ConnectionState.Online(TransportKind.LONG_POLL));
        Deliveries.assertExactlyOnceInOrder(devices);
    }

    @Test
    void restartedClientResendsItsOutboxWithTheSameIdsExactlyOnce() throws Exception {
        TestServer server = TestServer.start(root.resolve("server"));
        servers.add(server);
        aliceTwiceAndBob(server.port());

        alice().proxy().goSilent();
        await().atMost(Duration.ofSeconds(5)).until(() -> !(alice().state() instanceof ConnectionState.Online));
        for (int i = 0; i < 15; i++) {
            alice().send("bob", "offline " + i);
        }
        assertThat(alice().client().outbox()).hasSize(15);
        alice().closeClient();
        alice().proxy().restore();
        alice().open();
        Deliveries.awaitAllCaughtUp(devices, CATCH_UP);

        for (int i = 0; i < 30; i++) {
            alice().send("bob", "in flight " + i);
        }
        alice().restart(); // some acknowledged, some sent but unacknowledged, some never sent
        Deliveries.awaitAllCaughtUp(devices, CATCH_UP);

        Deliveries.assertExactlyOnceInOrder(devices);
    }

    @Test
    void longPollClientAndWebSocketClientChatWithEachOther() throws Exception {
        TestServer server = TestServer.start(root.resolve("server"));
        servers.add(server);
        Device alice = device("alice", "alice-laptop", server.port(), c -> c);
        alice.proxy().blockWebSockets(true);
        Device bob = device("bob", "bob-laptop", server.port(), c -> c);
        alice.register();
        bob.register();
        alice.login();
        bob.login();
        awaitOnline(TransportKind.LONG_POLL, alice);
        awaitOnline(TransportKind.WEBSOCKET, bob);

        exchange(40, "mixed");

        long ms = Deliveries.awaitAllCaughtUp(devices, CATCH_UP);
        System.out.printf("[scenario 6 mixed] 80 messages between a long-poll and a WebSocket client in %d ms%n", ms);
        assertThat(alice.states()).doesNotContain(new ConnectionState.Online(TransportKind.WEBSOCKET));
        assertThat(bob.isOnline(TransportKind.WEBSOCKET)).isTrue();
        Deliveries.assertExactlyOnceInOrder(devices);
    }
}
