package dev.confab.client.net;

import static dev.confab.client.support.People.awaitOnline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.confab.client.store.LocalStore;
import dev.confab.client.support.Device;
import dev.confab.client.support.People;
import dev.confab.client.support.Recorder;
import dev.confab.client.support.TestServer;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.Request;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Contacts, settings, presence, typing and sign-out through the engine against a real server. */
@Timeout(60)
class PeopleAndPresenceIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path serverDir;
    private static TestServer server;

    @TempDir
    Path stores;
    private People people;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void newPeople() {
        people = new People(server.port(), stores);
    }

    @AfterEach
    void closeDevices() throws Exception {
        people.close();
    }

    @Test
    void presencePushesReachAContactWhenAPeerConnectsClosesAndGoesAwayEvenAcrossAReconnect() throws Exception {
        Device alice = people.signUp("alice");
        Device bob = people.signUp("bob");
        awaitOnline(alice, bob);
        Recorder seen = Recorder.on(alice.client());
        alice.client().addContact(bob.user()).get(10, TimeUnit.SECONDS);

        bob.closeClient();
        await().atMost(WAIT).until(() -> last(seen.presenceOf(bob.user())).equals("offline"));
        bob.open();
        await().atMost(WAIT).until(() -> last(seen.presenceOf(bob.user())).equals("online"));
        bob.client().setAway(true).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> last(seen.presenceOf(bob.user())).equals("away"));
        int before = seen.presenceOf(bob.user()).size();
        bob.proxy().cutAll();
        await().atMost(WAIT).until(() -> seen.presenceOf(bob.user()).size() > before
                && last(seen.presenceOf(bob.user())).equals("away") && bob.isOnline(TransportKind.WEBSOCKET));

        assertThat(seen.presenceOf(bob.user())).startsWith("offline", "online", "away");
        assertThat(alice.client().findUser(bob.user()).get(10, TimeUnit.SECONDS).presence())
                .as("away survives the reconnect").isEqualTo("away");
    }

    @Test
    void typingIsThrottledToOneNoticePerThreeSecondsAndRateLimitingNeverReachesTheCaller() throws Exception {
        Device alice = people.signUp("alice");
        Device bob = people.signUp("bob");
        awaitOnline(alice, bob);
        bob.send(alice.user(), "hi");
        await().atMost(WAIT).until(() -> !alice.received().isEmpty());
        long chat = alice.received().get(0).conversationId();
        Recorder bobSees = Recorder.on(bob.client());
        Recorder aliceSees = Recorder.on(alice.client());

        long burstAt = System.nanoTime();
        List<CompletableFuture<Void>> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            burst.add(alice.client().typing(chat));
        }
        CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> bobSees.typing().size() == 1);
        await().pollDelay(Duration.ofMillis(1000)).atMost(WAIT).until(() -> true);
        assertThat(bobSees.typing()).as("one notice for the whole burst").hasSize(1);
        await().atMost(WAIT).until(() -> System.nanoTime() - burstAt > TypingThrottle.INTERVAL.plusMillis(100).toNanos());

        alice.client().typing(chat).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> bobSees.typing().size() == 2);

        assertThat(bobSees.typing()).allSatisfy(t -> {
            assertThat(t.conversationId()).isEqualTo(chat);
            assertThat(t.username()).isEqualTo(alice.user());
        });
        assertThat(aliceSees.typing()).as("not echoed to the typist").isEmpty();
    }

    @Test
    void contactsProfileAndSettingsRoundTripAndTheirEventsReachTheOtherDeviceOnceInOrder() throws Exception {
        Device alice = people.signUp("alice");
        Device aliceDesk = people.anotherDevice(alice, "desk");
        Device bob = people.signUp("bob");
        awaitOnline(alice, aliceDesk, bob);
        Recorder desk = Recorder.on(aliceDesk.client());
        ChatClient client = alice.client();

        assertThat(client.addContact(bob.user()).get(10, TimeUnit.SECONDS).username()).isEqualTo(bob.user());
        assertThat(client.contacts().get(10, TimeUnit.SECONDS)).extracting(Info.User::username)
                .containsExactly(bob.user());
        assertThat(client.setSettings(Map.of("theme", "dark")).get(10, TimeUnit.SECONDS))
                .containsEntry("theme", "dark");
        assertThat(client.setProfile("Alice A.").get(10, TimeUnit.SECONDS).displayName()).isEqualTo("Alice A.");
        client.removeContact(bob.user()).get(10, TimeUnit.SECONDS);
        assertThat(client.contacts().get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(aliceDesk.client().settings().get(10, TimeUnit.SECONDS)).containsEntry("theme", "dark");
        assertThat(client.devices().get(10, TimeUnit.SECONDS)).hasSize(2)
                .filteredOn(Info.Device::current).hasSize(1);

        await().atMost(WAIT).until(() -> desk.events(Event.ContactEvent.class).size() == 2
                && desk.events(Event.ProfileEvent.class).size() == 1);
        List<Event> seen = desk.events().stream().filter(e -> e instanceof Event.ContactEvent
                || e instanceof Event.SettingsEvent || e instanceof Event.ProfileEvent).toList();
        assertThat(seen).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ContactEvent", "SettingsEvent", "ProfileEvent", "ContactEvent");
        assertThat(desk.events(Event.ContactEvent.class)).extracting(Event.ContactEvent::change)
                .containsExactly("added", "removed");
        assertThat(desk.events()).extracting(Event::seq).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void logoutSignsOutForgetsTheTokenAndTheServerNoLongerAcceptsIt() throws Exception {
        Device alice = people.signUp("alice");
        awaitOnline(alice);
        alice.closeClient();
        String token;
        try (LocalStore store = LocalStore.open(alice.storeDir())) {
            token = store.session().orElseThrow().token();
        }
        alice.open();
        awaitOnline(alice);

        alice.client().logout().get(10, TimeUnit.SECONDS);

        assertThat(alice.state()).isEqualTo(new ConnectionState.SignedOut("logged out"));
        assertThat(whoami(token)).contains("unauthenticated");
        assertThatThrownBy(() -> alice.client().findUser(alice.user()).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(OfflineException.class);
        alice.restart();
        assertThat(alice.state()).as("no session to resume").isInstanceOf(ConnectionState.Stopped.class);
        alice.login();
        awaitOnline(alice);
    }

    @Test
    void onLongPollRequestsGoOverHttpAndTheCacheStillFollows() throws Exception {
        Device alice = people.signUp("alice");
        Device bob = people.signUp("bob");
        awaitOnline(alice, bob);
        alice.proxy().blockWebSockets(true);
        alice.proxy().cutAll();
        await().atMost(WAIT).until(() -> alice.isOnline(TransportKind.LONG_POLL));

        alice.client().addContact(bob.user()).get(10, TimeUnit.SECONDS);
        bob.send(alice.user(), "over long-poll");
        await().atMost(WAIT).until(() -> alice.client().cachedConversations().stream()
                .anyMatch(c -> bob.user().equals(c.peer()) && c.unread() == 1 && !c.members().isEmpty()));

        assertThat(alice.client().contacts().get(10, TimeUnit.SECONDS)).extracting(Info.User::presence)
                .containsExactly("online");
        assertThat(alice.client().typing(alice.received().get(0).conversationId()))
                .succeedsWithin(Duration.ofSeconds(10));
        assertThat(alice.isOnline(TransportKind.LONG_POLL)).isTrue();
    }

    @Test
    void refusedRequestsFailWithTheServersErrorCode() throws Exception {
        Device alice = people.signUp("alice");
        awaitOnline(alice);

        assertThatThrownBy(() -> alice.client().findUser("nobody-" + alice.user()).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(ServerException.class)
                .extracting(e -> ((ServerException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThatThrownBy(() -> alice.client().createGroup(" ", List.of(), true).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(ServerException.class)
                .extracting(e -> ((ServerException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThatThrownBy(() -> alice.client().call(id -> new Request.Receipts(id, 999_999)).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(ServerException.class);
    }

    private static String last(List<String> values) {
        return values.isEmpty() ? "" : values.get(values.size() - 1);
    }

    private static String whoami(String token) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/rpc"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"whoami\",\"id\":\"w\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
