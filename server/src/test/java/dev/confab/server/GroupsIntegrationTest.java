package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.Message;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.server.support.ServerExtension;
import dev.confab.server.support.WsTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A group of five where alice has three desktops: every device of every member gets every event exactly once,
 * in the same order; devices that should not get something get nothing.
 */
@Timeout(90)
class GroupsIntegrationTest {
    @RegisterExtension
    final ServerExtension server = new ServerExtension(c -> c.withMaxGroupMembers(6));

    private final Map<String, String> tokens = new LinkedHashMap<>();

    private WsTestClient device(String user, String device) {
        WsTestClient c = server.connect();
        tokens.put(user + "/" + device, c.login(user, "password-" + user, device).token());
        c.subscribe(0);
        return c;
    }

    private void register(String... users) {
        WsTestClient c = server.connect();
        for (String u : users) {
            c.register(u, "password-" + u);
        }
        c.close();
    }

    private static List<Message> groupMessages(WsTestClient c, long conversationId) {
        return c.messageEvents().stream().map(Event.MessageEvent::message)
                .filter(m -> m.conversationId() == conversationId).toList();
    }

    private static Info.Conversation create(WsTestClient c, String name, List<String> members) {
        return c.requestOk(new Request.CreateGroup(c.nextId(), name, members, null), Reply.GroupOk.class).conversation();
    }

    @Test
    void everyDeviceOfEveryMemberGetsEveryGroupMessageOnceInTheSameOrder() {
        register("alice", "bob", "carol", "dave", "erin", "mallory");
        List<WsTestClient> alice = List.of(device("alice", "a1"), device("alice", "a2"), device("alice", "a3"));
        WsTestClient bob = device("bob", "b");
        WsTestClient carol = device("carol", "c");
        WsTestClient dave = device("dave", "d");
        WsTestClient erin = device("erin", "e");
        WsTestClient mallory = device("mallory", "m");
        Info.Conversation group = create(alice.get(0), "Team", List.of("bob", "carol", "dave", "erin"));
        List<WsTestClient> senders = new ArrayList<>(alice);
        senders.addAll(List.of(bob, carol, dave, erin));

        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < senders.size(); i++) {
                senders.get(i).send(new Request.Send("s" + round + i, null, group.conversationId(), "m" + round + "-" + i,
                        "round " + round + " from " + i));
            }
        }

        List<WsTestClient> everyone = new ArrayList<>(senders);
        await().atMost(Duration.ofSeconds(30)).until(() -> everyone.stream()
                .allMatch(c -> groupMessages(c, group.conversationId()).size() == 70));
        List<Message> reference = groupMessages(bob, group.conversationId());
        assertThat(reference).extracting(Message::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 70).boxed().toList());
        for (WsTestClient c : everyone) {
            assertThat(groupMessages(c, group.conversationId())).isEqualTo(reference);
            assertThat(c.events()).extracting(Event::seq).doesNotHaveDuplicates();
        }
        assertThat(alice.get(1).events()).isEqualTo(alice.get(0).events());
        assertThat(alice.get(2).events()).isEqualTo(alice.get(0).events());
        assertThat(mallory.events()).as("an outsider gets nothing").isEmpty();
    }

    @Test
    void membershipChangesDuringTrafficCutAndStartDeliveryExactlyAtTheChange() {
        register("alice", "bob", "carol", "dave");
        WsTestClient alice = device("alice", "a1");
        WsTestClient bob = device("bob", "b");
        WsTestClient carol = device("carol", "c");
        WsTestClient dave = device("dave", "d");
        long g = create(alice, "Team", List.of("bob", "carol")).conversationId();

        // bob sends from his own connection while alice changes the membership from hers; bob pauses at
        // messages 20 and 40 until the change is acknowledged, so each change lands mid-stream.
        java.util.concurrent.CountDownLatch removed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch added = new java.util.concurrent.CountDownLatch(1);
        Thread sender = new Thread(() -> {
            for (int i = 0; i < 60; i++) {
                bob.send(new Request.Send("b" + i, null, g, "b" + i, "msg " + i));
                java.util.concurrent.CountDownLatch gate = i == 20 ? removed : i == 40 ? added : null;
                if (gate != null) {
                    await().atMost(Duration.ofSeconds(20)).until(() -> gate.getCount() == 0);
                }
            }
        });
        sender.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> groupMessages(alice, g).size() >= 21);
        alice.requestOk(new Request.RemoveMember("rm", g, "carol"), Reply.GroupOk.class);
        removed.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> groupMessages(alice, g).size() >= 41);
        alice.requestOk(new Request.AddMembers("add", g, List.of("dave")), Reply.GroupOk.class);
        added.countDown();

        await().atMost(Duration.ofSeconds(30)).until(() -> groupMessages(alice, g).size() == 60);
        // Alice having all 60 says nothing of where carol's and dave's own streams are: wait for them too.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(groupMessages(carol, g)).as("carol was removed after message 21").hasSize(21));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(groupMessages(dave, g)).as("dave was added after message 41").hasSize(19));
        List<Message> carolGot = groupMessages(carol, g);
        List<Message> daveGot = groupMessages(dave, g);
        long removedAfterSeq = carolGot.get(carolGot.size() - 1).seq();
        long addedAfterSeq = daveGot.get(0).seq() - 1;
        assertThat(carolGot).extracting(Message::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, removedAfterSeq).boxed().toList());
        assertThat(daveGot).extracting(Message::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(addedAfterSeq + 1, 60).boxed().toList());
        Event lastForCarol = carol.events().get(carol.events().size() - 1);
        assertThat(lastForCarol).isInstanceOfSatisfying(Event.GroupEvent.class, e -> {
            assertThat(e.change()).isEqualTo("member_removed");
            assertThat(e.subjects()).containsExactly("carol");
        });
        // The removal sits at the same place in alice's stream as in carol's: right after removedAfterSeq.
        List<Event> aliceEvents = alice.events();
        assertThat(lastMessageSeqBefore(aliceEvents, indexOfChange(aliceEvents, "member_removed")))
                .isEqualTo(removedAfterSeq);
        assertThat(lastMessageSeqBefore(aliceEvents, indexOfChange(aliceEvents, "members_added")))
                .isEqualTo(addedAfterSeq);

        Reply carolReads = carol.request(new Request.History("h", g, null, null));
        assertThat(carolReads).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        Reply.HistoryOk daveReads = dave.requestOk(new Request.History("h", g, null, 100), Reply.HistoryOk.class);
        assertThat(daveReads.messages()).as("shareHistory defaults to true").hasSize(60);
    }

    private static long lastMessageSeqBefore(List<Event> events, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (events.get(i) instanceof Event.MessageEvent m) {
                return m.message().seq();
            }
        }
        return 0;
    }

    private static int indexOfChange(List<Event> events, String change) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof Event.GroupEvent e && e.change().equals(change)) {
                return i;
            }
        }
        throw new AssertionError("no " + change + " event");
    }

    @Test
    void groupsThatDoNotShareHistoryShowNewMembersOnlyWhatCameAfterThem() {
        register("alice", "bob");
        WsTestClient alice = device("alice", "a");
        long g = alice.requestOk(new Request.CreateGroup("c", "Private", List.of(), false), Reply.GroupOk.class)
                .conversation().conversationId();
        for (int i = 0; i < 5; i++) {
            alice.requestOk(new Request.Send("s" + i, null, g, "p" + i, "before " + i), Reply.SendOk.class);
        }
        alice.requestOk(new Request.AddMembers("a", g, List.of("bob")), Reply.GroupOk.class);
        alice.requestOk(new Request.Send("s", null, g, "after", "after"), Reply.SendOk.class);

        WsTestClient bob = device("bob", "b");
        Reply.HistoryOk history = bob.requestOk(new Request.History("h", g, null, null), Reply.HistoryOk.class);
        Info.Conversation view = bob.requestOk(new Request.Conversations("c"), Reply.ConversationsOk.class)
                .conversations().get(0);

        assertThat(history.messages()).extracting(Message::body).containsExactly("after");
        assertThat(history.hasMore()).isFalse();
        assertThat(view.unread()).isEqualTo(1);
        assertThat(view.shareHistory()).isFalse();
    }

    @Test
    void onlyMembersAndAdminsMayDoWhatTheyDo() {
        register("alice", "bob", "eve");
        WsTestClient alice = device("alice", "a");
        WsTestClient bob = device("bob", "b");
        WsTestClient eve = device("eve", "e");
        long g = create(alice, "Team", List.of("bob")).conversationId();

        for (Request r : List.<Request>of(new Request.Send("1", null, g, "x", "hi"), new Request.History("2", g, null, null),
                new Request.Receipts("3", g), new Request.Mark("4", g, 1L, null), new Request.Typing("5", g),
                new Request.RenameGroup("6", g, "mine"), new Request.AddMembers("7", g, List.of("eve")),
                new Request.LeaveGroup("8", g))) {
            assertThat(eve.request(r)).as("outsider: " + r).isInstanceOfSatisfying(Reply.Error.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        }
        for (Request r : List.<Request>of(new Request.RenameGroup("9", g, "bob's"),
                new Request.AddMembers("10", g, List.of("eve")), new Request.RemoveMember("11", g, "alice"))) {
            assertThat(bob.request(r)).as("non-admin: " + r).isInstanceOfSatisfying(Reply.Error.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        }
        assertThat(eve.requestOk(new Request.Conversations("c"), Reply.ConversationsOk.class).conversations())
                .as("the outsider does not even see the group").isEmpty();
        assertThat(eve.events()).isEmpty();
    }

    @Test
    void memberLimitIsEnforcedWithAClearError() {
        register("alice", "user1", "user2", "user3", "user4", "user5", "user6");
        WsTestClient alice = device("alice", "a");

        Reply tooBig = alice.request(new Request.CreateGroup("c", "Big", List.of("user1", "user2", "user3", "user4", "user5", "user6"), null));
        long g = create(alice, "Fits", List.of("user1", "user2", "user3", "user4", "user5")).conversationId();
        Reply oneMore = alice.request(new Request.AddMembers("a", g, List.of("user6")));

        assertThat(tooBig).isInstanceOfSatisfying(Reply.Error.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
            assertThat(e.message()).contains("6");
        });
        assertThat(oneMore).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
    }

    @Test
    void renameAndLeaveAreEventsAndTheGroupKeepsAnAdmin() {
        register("alice", "bob", "carol");
        WsTestClient alice = device("alice", "a");
        WsTestClient bob = device("bob", "b");
        long g = create(alice, "Team", List.of("bob", "carol")).conversationId();

        alice.requestOk(new Request.RenameGroup("r", g, "Dream team"), Reply.GroupOk.class);
        alice.requestOk(new Request.LeaveGroup("l", g), Reply.LeaveGroupOk.class);

        await().atMost(Duration.ofSeconds(10)).until(() -> bob.events().size() == 3);
        assertThat(bob.events()).extracting(e -> ((Event.GroupEvent) e).change())
                .containsExactly("created", "renamed", "member_left");
        Info.Conversation after = ((Event.GroupEvent) bob.events().get(2)).conversation();
        assertThat(after.name()).isEqualTo("Dream team");
        assertThat(after.members()).extracting(Info.Member::username).containsExactly("bob", "carol");
        assertThat(after.members()).filteredOn(m -> m.role().equals("admin")).hasSize(1);
        assertThat(bob.request(new Request.RenameGroup("r2", g, "Bob's now"))).isInstanceOf(Reply.GroupOk.class);
    }

    @Test
    void revokedDeviceIsCutOffAtOnceWhileTheOthersCarryOn() {
        register("alice", "bob");
        WsTestClient a1 = device("alice", "a1");
        WsTestClient a2 = device("alice", "a2");
        WsTestClient a3 = device("alice", "a3");
        WsTestClient bob = device("bob", "b");
        long a3Id = a3.requestOk(new Request.Whoami("w"), Reply.WhoamiOk.class).deviceId();
        bob.sendTo("alice", "1", "before");

        List<Info.Device> before = a1.requestOk(new Request.Devices("d"), Reply.DevicesOk.class).devices();
        a1.requestOk(new Request.RevokeDevice("r", a3Id), Reply.Ok.class);
        bob.sendTo("alice", "2", "after");

        await().atMost(Duration.ofSeconds(10)).until(() -> !a3.isOpen());
        await().atMost(Duration.ofSeconds(10)).until(() -> a2.eventBodies().size() == 2);
        assertThat(a1.eventBodies()).containsExactly("before", "after");
        assertThat(a2.eventBodies()).containsExactly("before", "after");
        assertThat(a3.eventBodies()).doesNotContain("after");
        assertThat(server.connect().request(new Request.Auth("x", tokens.get("alice/a3"))))
                .isInstanceOfSatisfying(Reply.Error.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        assertThat(before).hasSize(3).filteredOn(Info.Device::current).extracting(Info.Device::name).containsExactly("a1");
        assertThat(before).allMatch(Info.Device::online);
        assertThat(a1.requestOk(new Request.Devices("d2"), Reply.DevicesOk.class).devices())
                .extracting(Info.Device::name).containsExactly("a1", "a2");
        assertThat(a2.events()).filteredOn(Event.DeviceEvent.class::isInstance).hasSize(1);
    }
}
