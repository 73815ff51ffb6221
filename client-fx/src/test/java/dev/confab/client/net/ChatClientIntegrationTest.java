package dev.confab.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.confab.client.store.LocalStore;
import dev.confab.client.support.Deliveries;
import dev.confab.client.support.Device;
import dev.confab.client.support.TestServer;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The facade against a real server, without faults: sign-in, sending, history, sign-out. */
@Timeout(60)
class ChatClientIntegrationTest {
    @TempDir
    Path root;

    private TestServer server;
    private Device alice;
    private Device bob;

    @BeforeEach
    void startServerAndUsers() throws Exception {
        server = TestServer.start(root.resolve("server"));
        alice = Device.create("alice", "alice-laptop", root.resolve("alice"), server.port(), c -> c).open();
        bob = Device.create("bob", "bob-laptop", root.resolve("bob"), server.port(), c -> c).open();
        alice.register();
        bob.register();
        alice.login();
        bob.login();
    }

    @AfterEach
    void stop() throws Exception {
        alice.close();
        bob.close();
        server.close();
    }

    @Test
    void loggedInClientsGoOnlineOverWebSocketAndExchangeMessages() {
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.isOnline(TransportKind.WEBSOCKET)
                && bob.isOnline(TransportKind.WEBSOCKET));
        for (int i = 0; i < 10; i++) {
            alice.send("bob", "hi bob " + i);
            bob.send("alice", "hi alice " + i);
        }

        Deliveries.awaitAllCaughtUp(List.of(alice, bob), Duration.ofSeconds(20));
        Deliveries.assertExactlyOnceInOrder(List.of(alice, bob));
    }

    @Test
    void idleClientStaysConnectedPastTheServersSilenceTimeoutBecauseItPings() {
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.isOnline(TransportKind.WEBSOCKET));
        int transitions = alice.states().size();

        await().pollDelay(TestServer.HEARTBEAT_TIMEOUT.plusSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> true);

        assertThat(alice.states()).as("no reconnect").hasSize(transitions);
        assertThat(alice.isOnline(TransportKind.WEBSOCKET)).isTrue();
    }

    @Test
    void receivedMessagesAreKeptLocallyForOfflineHistory() {
        alice.send("bob", "one");
        alice.send("bob", "two");
        Deliveries.awaitAllCaughtUp(List.of(alice, bob), Duration.ofSeconds(20));
        long conversation = bob.received().get(0).conversationId();

        bob.restart();
        server.stop();

        assertThat(bob.client().history(conversation, Long.MAX_VALUE, 10)).extracting(Message::body)
                .containsExactly("one", "two");
        assertThat(bob.client().cursor()).as("both messages, perhaps then bob's own delivered receipt")
                .isBetween(2L, 3L);
    }

    @Test
    void tokenRevokedWhileOnlineSignsTheClientOutAndItStopsRetrying() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.isOnline(TransportKind.WEBSOCKET));
        alice.closeClient();
        String token;
        try (LocalStore store = LocalStore.open(alice.storeDir())) {
            token = store.session().orElseThrow().token();
        }
        alice.open();
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.isOnline(TransportKind.WEBSOCKET));

        HttpResponse<String> logout = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/rpc"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"logout\",\"id\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(logout.body()).contains("logout_ok");

        await().atMost(Duration.ofSeconds(10)).until(() -> alice.state() instanceof ConnectionState.SignedOut);
        assertThat(alice.client().username()).contains("alice");
        alice.send("bob", "queued while signed out");
        await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        assertThat(alice.state()).isInstanceOf(ConnectionState.SignedOut.class);
        assertThat(alice.client().outbox()).hasSize(1);
    }

    @Test
    void wrongPasswordIsRefusedWithoutSigningIn() throws Exception {
        try (ClientRuntime runtime = ClientRuntime.system(Runnable::run);
             ChatClient client = ChatClient.open(Device.fast(URI.create("http://127.0.0.1:" + server.port())),
                     root.resolve("mallory"), runtime)) {
            assertThatThrownBy(() -> client.login("alice", "not the password").get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ServerException.class)
                    .extracting(e -> ((ServerException) e).code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
            assertThat(client.state()).isInstanceOf(ConnectionState.Stopped.class);
        }
    }

    @Test
    void messageToAnUnknownUserLeavesTheOutboxAsFailed() {
        String id = alice.send("nobody-here", "hello?");

        await().atMost(Duration.ofSeconds(10)).until(() -> alice.client().outbox().isEmpty());
        assertThat(alice.received()).extracting(Message::clientMsgId).doesNotContain(id);
    }
}
