package dev.confab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.Reply;
import dev.confab.protocol.Request;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.support.HttpTestClient;
import dev.confab.server.support.ServerExtension;
import dev.confab.server.support.WsTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Read state, presence, typing, contacts, profile and settings across users and devices. */
@Timeout(90)
class PeopleIntegrationTest {
    @RegisterExtension
    final ServerExtension server = new ServerExtension(c -> c.withHeartbeatTimeout(Duration.ofSeconds(2)));

    private void register(String... users) {
        WsTestClient c = server.connect();
        for (String u : users) {
            c.register(u, "password-" + u);
        }
        c.close();
    }

    private WsTestClient device(String user, String device) {
        WsTestClient c = server.connect();
        c.login(user, "password-" + user, device);
        c.subscribe(0);
        return c;
    }

    private static Info.Conversation only(WsTestClient c) {
        List<Info.Conversation> list = c.requestOk(new Request.Conversations(c.nextId()), Reply.ConversationsOk.class)
                .conversations();
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    @Test
    void readingOnOneDeviceClearsUnreadOnTheOthers() {
        register("alice", "bob");
        WsTestClient a1 = device("alice", "a1");
        WsTestClient a2 = device("alice", "a2");
        WsTestClient bob = device("bob", "b");
        long conversation = 0;
        for (int i = 0; i < 3; i++) {
            conversation = bob.sendTo("alice", "m" + i, "hello " + i).conversationId();
        }
        assertThat(only(a1).unread()).isEqualTo(3);
        assertThat(only(a2).unread()).isEqualTo(3);
        assertThat(only(bob).unread()).as("your own messages are never unread").isZero();

        Reply.MarkOk marked = a1.requestOk(new Request.Mark("r", conversation, null, 3L), Reply.MarkOk.class);

        assertThat(marked.read()).isEqualTo(3);
        assertThat(marked.delivered()).as("read implies delivered").isEqualTo(3);
        long c = conversation;
        await().atMost(Duration.ofSeconds(10)).until(() -> a2.events().stream()
                .anyMatch(e -> e instanceof Event.ReceiptEvent r && r.read() == 3 && r.conversationId() == c));
        assertThat(only(a2).unread()).isZero();
        assertThat(only(a1).unread()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.events().stream()
                .anyMatch(e -> e instanceof Event.ReceiptEvent r && r.username().equals("alice") && r.read() == 3));
        assertThat(a1.events()).isEqualTo(a2.events());
    }

    @Test
    void markersOnlyMoveForwardAndNeverPastTheNewestMessage() {
        register("alice", "bob");
        WsTestClient alice = device("alice", "a");
        WsTestClient bob = device("bob", "b");
        long conversation = bob.sendTo("alice", "m1", "one").conversationId();
        bob.sendTo("alice", "m2", "two");

        Reply.MarkOk ahead = alice.requestOk(new Request.Mark("1", conversation, 99L, null), Reply.MarkOk.class);
        Reply.MarkOk back = alice.requestOk(new Request.Mark("2", conversation, 1L, 1L), Reply.MarkOk.class);
        List<Info.Receipt> receipts = bob.requestOk(new Request.Receipts("3", conversation), Reply.ReceiptsOk.class)
                .receipts();

        assertThat(ahead.delivered()).isEqualTo(2);
        assertThat(back.delivered()).isEqualTo(2);
        assertThat(back.read()).isEqualTo(1);
        assertThat(receipts).containsExactlyInAnyOrder(new Info.Receipt("alice", 2, 1), new Info.Receipt("bob", 2, 2));
    }

    @Test
    void groupReadersCanBeCounted() {
        register("alice", "bob", "carol", "dave");
        WsTestClient alice = device("alice", "a");
        long g = alice.requestOk(new Request.CreateGroup("g", "G", List.of("bob", "carol", "dave"), null),
                Reply.GroupOk.class).conversation().conversationId();
        alice.requestOk(new Request.Send("s", null, g, "m1", "who reads this?"), Reply.SendOk.class);
        device("bob", "b").requestOk(new Request.Mark("r", g, null, 1L), Reply.MarkOk.class);
        device("carol", "c").requestOk(new Request.Mark("d", g, 1L, null), Reply.MarkOk.class);

        List<Info.Receipt> receipts = alice.requestOk(new Request.Receipts("x", g), Reply.ReceiptsOk.class).receipts();

        assertThat(receipts.stream().filter(r -> r.read() >= 1).map(Info.Receipt::username))
                .containsExactlyInAnyOrder("alice", "bob");
        assertThat(receipts.stream().filter(r -> r.delivered() >= 1).map(Info.Receipt::username))
                .containsExactlyInAnyOrder("alice", "bob", "carol");
    }

    @Test
    void presenceFollowsDevicesOverBothTransportsIncludingOneThatVanishes() {
        register("alice", "bob");
        WsTestClient bob = device("bob", "b");
        // Only alice's link may die of silence (heartbeat timeout is 2 s here): bob keeps pinging.
        java.util.concurrent.ScheduledExecutorService pinger = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor();
        pinger.scheduleAtFixedRate(() -> bob.send(new Request.Ping(bob.nextId())), 0, 300,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            presenceScenario(bob);
        } finally {
            pinger.shutdownNow();
        }
    }

    private void presenceScenario(WsTestClient bob) {
        WsTestClient setup = server.connect();
        setup.login("alice", "password-alice", "setup");
        setup.sendTo("bob", "hi", "hi");
        setup.close();
        // alice was online before she and bob shared a conversation, so bob only hears her go offline.
        await().atMost(Duration.ofSeconds(10)).until(() -> presenceOf(bob, "alice").equals(List.of("offline")));

        WsTestClient aliceWs = device("alice", "a1");
        await().atMost(Duration.ofSeconds(10)).until(() -> last(presenceOf(bob, "alice")).equals("online"));
        aliceWs.requestOk(new Request.SetPresence("p", "away"), Reply.Ok.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> last(presenceOf(bob, "alice")).equals("away"));
        // alice's WebSocket goes silent, as when the laptop lid closes; the heartbeat deadline ends it.
        await().atMost(Duration.ofSeconds(10)).until(() -> last(presenceOf(bob, "alice")).equals("offline"));
        ServerFrame.Presence offline = lastPresence(bob, "alice");
        assertThat(offline.lastSeen()).isPositive();
        assertThat(bob.requestOk(new Request.FindUser("f", "alice"), Reply.UserOk.class).user().presence())
                .isEqualTo("offline");

        HttpTestClient http = server.http();
        String token = ((Reply.LoginOk) http.rpc(new Request.Login("l", "alice", "password-alice", "poller"), null)
                .frame()).token();
        http.events("after=0&wait=0", token);
        await().atMost(Duration.ofSeconds(10)).until(() -> last(presenceOf(bob, "alice")).equals("online"));
        assertThat(bob.requestOk(new Request.FindUser("f2", "alice"), Reply.UserOk.class).user().presence())
                .isEqualTo("online");
    }

    private static List<String> presenceOf(WsTestClient c, String user) {
        return c.pushes().stream().filter(f -> f instanceof ServerFrame.Presence p && p.username().equals(user))
                .map(f -> ((ServerFrame.Presence) f).status()).toList();
    }

    private static ServerFrame.Presence lastPresence(WsTestClient c, String user) {
        List<ServerFrame> all = c.pushes().stream()
                .filter(f -> f instanceof ServerFrame.Presence p && p.username().equals(user)).toList();
        return (ServerFrame.Presence) all.get(all.size() - 1);
    }

    private static String last(List<String> list) {
        return list.isEmpty() ? "" : list.get(list.size() - 1);
    }

    @Test
    void typingReachesTheOtherMembersOnlyAndIsRateLimited() {
        register("alice", "bob", "carol");
        WsTestClient a1 = device("alice", "a1");
        WsTestClient a2 = device("alice", "a2");
        WsTestClient bob = device("bob", "b");
        WsTestClient carol = device("carol", "c");
        long conversation = a1.sendTo("bob", "m", "hi").conversationId();

        a1.requestOk(new Request.Typing("t1", conversation), Reply.Ok.class);
        Reply again = a1.request(new Request.Typing("t2", conversation));

        await().atMost(Duration.ofSeconds(10)).until(() -> !bob.pushes().isEmpty());
        assertThat(bob.pushes()).singleElement().isInstanceOfSatisfying(ServerFrame.TypingNotice.class, t -> {
            assertThat(t.username()).isEqualTo("alice");
            assertThat(t.conversationId()).isEqualTo(conversation);
            assertThat(t.expiresAt()).isGreaterThan(System.currentTimeMillis());
        });
        assertThat(again).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(a2.pushes()).filteredOn(ServerFrame.TypingNotice.class::isInstance).isEmpty();
        assertThat(carol.pushes()).filteredOn(ServerFrame.TypingNotice.class::isInstance).isEmpty();
    }

    @Test
    void contactsProfileAndSettingsSyncToEveryDevice() {
        register("alice", "bob");
        WsTestClient a1 = device("alice", "a1");
        WsTestClient a2 = device("alice", "a2");
        WsTestClient bob = device("bob", "b");

        Info.User found = a1.requestOk(new Request.FindUser("f", "BOB"), Reply.UserOk.class).user();
        a1.requestOk(new Request.AddContact("c", "bob"), Reply.UserOk.class);
        bob.requestOk(new Request.AddContact("c", "alice"), Reply.UserOk.class);
        a1.requestOk(new Request.SetProfile("p", "Alice Liddell"), Reply.UserOk.class);
        Reply.SettingsOk settings = a1.requestOk(new Request.SetSettings("s",
                Map.of("notifications", "mentions", "theme", "dark")), Reply.SettingsOk.class);
        a2.requestOk(new Request.SetSettings("s2", java.util.Collections.singletonMap("theme", null)),
                Reply.SettingsOk.class);

        assertThat(found.username()).isEqualTo("bob");
        assertThat(found.presence()).isEqualTo("online");
        assertThat(settings.settings()).containsEntry("theme", "dark");
        await().atMost(Duration.ofSeconds(10)).until(() -> a2.events().size() == 4);
        assertThat(a2.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ContactEvent", "ProfileEvent", "SettingsEvent", "SettingsEvent");
        assertThat(a1.events()).isEqualTo(a2.events());
        assertThat(a2.requestOk(new Request.GetSettings("g"), Reply.SettingsOk.class).settings())
                .isEqualTo(Map.of("notifications", "mentions"));
        assertThat(a2.requestOk(new Request.Contacts("l"), Reply.ContactsOk.class).contacts())
                .extracting(Info.User::username).containsExactly("bob");
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.events().stream()
                .anyMatch(e -> e instanceof Event.ProfileEvent p && p.user().displayName().equals("Alice Liddell")));
        assertThat(bob.requestOk(new Request.Contacts("l"), Reply.ContactsOk.class).contacts())
                .extracting(Info.User::displayName).containsExactly("Alice Liddell");
        a1.requestOk(new Request.RemoveContact("r", "bob"), Reply.Ok.class);
        assertThat(a1.requestOk(new Request.Contacts("l2"), Reply.ContactsOk.class).contacts()).isEmpty();
        assertThat(a1.request(new Request.AddContact("x", "nobody"))).isInstanceOfSatisfying(Reply.Error.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aNewDeviceSeesEveryConversationWithItsRecentHistory() {
        register("alice", "bob", "carol");
        WsTestClient bob = device("bob", "b");
        bob.sendTo("alice", "1", "direct hello");
        long g = bob.requestOk(new Request.CreateGroup("g", "Trio", List.of("alice", "carol"), null), Reply.GroupOk.class)
                .conversation().conversationId();
        bob.requestOk(new Request.Send("s", null, g, "2", "group hello"), Reply.SendOk.class);

        WsTestClient fresh = device("alice", "new laptop");
        List<Info.Conversation> list = fresh.requestOk(new Request.Conversations("c"), Reply.ConversationsOk.class)
                .conversations();

        assertThat(list).extracting(Info.Conversation::kind).containsExactly("group", "direct");
        assertThat(list.get(0).name()).isEqualTo("Trio");
        assertThat(list.get(0).lastMessage().body()).isEqualTo("group hello");
        assertThat(list.get(1).peer()).isEqualTo("bob");
        assertThat(list).allMatch(c -> c.unread() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> fresh.eventBodies().size() == 2);
        assertThat(fresh.eventBodies()).containsExactly("direct hello", "group hello");
    }
}
