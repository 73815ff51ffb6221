package dev.confab.client.net;

import static dev.confab.client.support.People.awaitOnline;
import static dev.confab.client.support.People.cached;
import static dev.confab.client.support.People.unread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.client.support.Device;
import dev.confab.client.support.People;
import dev.confab.client.support.Recorder;
import dev.confab.client.support.TestServer;
import dev.confab.protocol.Info;
import dev.confab.protocol.Message;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The cached conversation list, unread counts and message status against a real server, across users and devices. */
@Timeout(60)
class ConversationCacheIntegrationTest {
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
    void groupOfThreeUsersOnFourDevicesAgreesOnUnreadCountsWithEachOtherAndTheServer() throws Exception {
        Device alice = people.signUp("alice");
        Device aliceDesk = people.anotherDevice(alice, "desk");
        Device bob = people.signUp("bob");
        Device carol = people.signUp("carol");
        List<Device> all = List.of(alice, aliceDesk, bob, carol);
        awaitOnline(alice, aliceDesk, bob, carol);

        long group = alice.client().createGroup("Trip", List.of(bob.user(), carol.user()), true)
                .get(10, TimeUnit.SECONDS).conversationId();
        await().atMost(WAIT).until(() -> all.stream().allMatch(d -> cached(d, group).isPresent()));
        for (Device d : all) {
            d.client().sendToConversation(group, "hello from " + d.name());
        }
        bob.client().sendToConversation(group, "bob again");
        awaitLatest(all, group, 5);
        carol.client().sendToConversation(group, "carol last");
        awaitLatest(all, group, 6);

        List<Message> messages = alice.client().cachedMessages(group, 100);
        assertThat(messages).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        for (Device d : all) {
            long lastOwn = messages.stream().filter(m -> m.from().equals(d.user())).mapToLong(Message::seq).max()
                    .orElse(0);
            assertThat(unread(d, group)).as(d.name() + ": everything after its own last message")
                    .isEqualTo(6 - lastOwn);
            assertThat(unread(d, group)).as(d.name() + ": as the server counts").isEqualTo(serverUnread(d, group));
            assertThat(d.client().cachedMessages(group, 100)).as(d.name()).isEqualTo(messages);
        }
        assertThat(unread(aliceDesk, group)).isEqualTo(unread(alice, group)).isPositive();
    }

    @Test
    void markingReadOnOneDeviceClearsUnreadOnTheOtherDevice() throws Exception {
        Device alice = people.signUp("alice");
        Device aliceDesk = people.anotherDevice(alice, "desk");
        Device bob = people.signUp("bob");
        Recorder deskEvents = Recorder.on(aliceDesk.client());
        for (int i = 1; i <= 3; i++) {
            bob.send(alice.user(), "unread " + i);
        }
        await().atMost(WAIT).until(() -> alice.received().size() == 3 && aliceDesk.received().size() == 3);
        long chat = alice.received().get(0).conversationId();
        await().atMost(WAIT).until(() -> unread(alice, chat) == 3 && unread(aliceDesk, chat) == 3);
        int changesBefore = deskEvents.conversationChanges();

        alice.client().markRead(chat, 3).get(10, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> unread(aliceDesk, chat) == 0);
        assertThat(unread(alice, chat)).isZero();
        assertThat(cached(aliceDesk, chat).orElseThrow().readSeq()).isEqualTo(3);
        assertThat(deskEvents.conversationChanges()).as("the desk's list was told").isGreaterThan(changesBefore);
        assertThat(cached(aliceDesk, chat).orElseThrow().peer()).isEqualTo(bob.user());
    }

    @Test
    void directMessageGoesFromSendingToSentToDeliveredToRead() throws Exception {
        Device bob = people.signUp("bob");
        bob.closeClient(); // bob's only device is off: nothing can be delivered yet
        Device alice = people.signUp("alice");
        awaitOnline(alice);
        alice.proxy().goSilent(); // nothing alice sends reaches the server until restore()
        String id = alice.send(bob.user(), "are you there?");
        await().pollDelay(Duration.ofMillis(300)).atMost(WAIT).until(() -> true);
        MessageStatus whileCutOff = alice.client().status(0, 0, id);

        alice.proxy().restore();
        await().atMost(WAIT).until(() -> alice.client().status(0, 0, id) == MessageStatus.SENT
                && !alice.received().isEmpty());
        long chat = alice.received().get(0).conversationId();
        long seq = alice.received().get(0).seq();
        await().pollDelay(Duration.ofMillis(300)).atMost(WAIT).until(() -> true);
        MessageStatus whileBobIsAway = alice.client().status(chat, seq, id);

        bob.open();
        await().atMost(WAIT).until(() -> alice.client().status(chat, seq, id) == MessageStatus.DELIVERED);
        bob.client().markRead(chat, seq).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> alice.client().status(chat, seq, id) == MessageStatus.READ);

        assertThat(whileCutOff).isEqualTo(MessageStatus.SENDING);
        assertThat(whileBobIsAway).isEqualTo(MessageStatus.SENT);
        assertThat(alice.client().status(chat, 0, id)).as("by clientMsgId alone").isEqualTo(MessageStatus.READ);
    }

    @Test
    void removedGroupMemberSeesTheGroupLeftAndGetsNoFurtherMessages() throws Exception {
        Device alice = people.signUp("alice");
        Device bob = people.signUp("bob");
        Device carol = people.signUp("carol");
        awaitOnline(alice, bob, carol);
        long group = alice.client().createGroup("Club", List.of(bob.user(), carol.user()), true)
                .get(10, TimeUnit.SECONDS).conversationId();
        bob.client().sendToConversation(group, "before");
        awaitLatest(List.of(alice, bob, carol), group, 1);
        assertThat(unread(carol, group)).isEqualTo(1);

        alice.client().removeMember(group, carol.user()).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> carol.client().hasLeft(group));
        alice.client().sendToConversation(group, "after");
        awaitLatest(List.of(alice, bob), group, 2);
        await().pollDelay(Duration.ofMillis(300)).atMost(WAIT).until(() -> true);

        Info.Conversation seenByCarol = cached(carol, group).orElseThrow();
        assertThat(seenByCarol.unread()).isZero();
        assertThat(seenByCarol.latestSeq()).isEqualTo(1);
        assertThat(seenByCarol.members()).extracting(Info.Member::username).doesNotContain(carol.user());
        assertThat(carol.client().cachedMessages(group, 10)).extracting(Message::body).containsExactly("before");
        assertThat(carol.received()).extracting(Message::body).doesNotContain("after");
        assertThat(bob.client().hasLeft(group)).isFalse();
    }

    private static void awaitLatest(List<Device> devices, long conversationId, long seq) {
        await().atMost(WAIT).until(() -> devices.stream().allMatch(d ->
                cached(d, conversationId).map(c -> c.latestSeq() == seq).orElse(false)
                        && d.client().cachedMessages(conversationId, 100).size() == seq));
    }

    private static long serverUnread(Device d, long conversationId) throws Exception {
        Reply.ConversationsOk ok = (Reply.ConversationsOk) d.client().call(Request.Conversations::new)
                .get(10, TimeUnit.SECONDS);
        return ok.conversations().stream().filter(c -> c.conversationId() == conversationId).findFirst()
                .orElseThrow().unread();
    }
}
