package dev.confab.client.ui.chat;

import static dev.confab.client.ui.Fixtures.NOW;
import static dev.confab.client.ui.Fixtures.event;
import static dev.confab.client.ui.Fixtures.msg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.store.OutboxEntry;
import dev.confab.client.ui.FakeGateway;
import dev.confab.client.ui.core.Delivery;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import dev.confab.protocol.ServerFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatViewModelTest {
    private final FakeGateway gateway = new FakeGateway("alice");
    private final ChatViewModel vm = new ChatViewModel(gateway, Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);

    @BeforeEach
    void listen() {
        gateway.addListener(vm);
    }

    private List<ChatRow.Msg> messages() {
        return vm.rows().stream().filter(r -> r instanceof ChatRow.Msg).map(ChatRow.Msg.class::cast).toList();
    }

    @Test
    void showsCachedMessagesWithDaySeparatorsAndQueuedOnesLast() {
        gateway.messages.put(7L, new ArrayList<>(List.of(
                msg(7, 1, "bob", "alice", "yesterday's", NOW.minus(Duration.ofDays(1))),
                msg(7, 2, "alice", "bob", "today's", NOW.minusSeconds(60)))));
        gateway.outbox.add(new OutboxEntry("q1", null, 7L, "written offline", NOW.toEpochMilli()));

        vm.show(7, "bob", false, "Bob", null);

        assertThat(vm.rows()).hasSize(5);
        assertThat(vm.rows().get(0)).isEqualTo(new ChatRow.Day("Yesterday"));
        assertThat(vm.rows().get(2)).isEqualTo(new ChatRow.Day("Today"));
        assertThat(messages()).extracting(ChatRow.Msg::body).containsExactly("yesterday's", "today's", "written offline");
        assertThat(messages()).extracting(ChatRow.Msg::delivery).containsExactly(null, Delivery.SENT, Delivery.SENDING);
    }

    @Test
    void sendingAddsAQueuedRowThatTheStoredMessageReplaces() {
        vm.show(7, "bob", false, "Bob", null);

        assertThat(vm.send("  hello  ")).isTrue();
        assertThat(vm.send("   ")).isFalse();
        String id = gateway.outbox.get(0).clientMsgId();
        assertThat(messages()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("hello");
            assertThat(m.delivery()).isEqualTo(Delivery.SENDING);
        });

        gateway.statuses.put(id, Delivery.DELIVERED);
        gateway.events(event(1, new Message(7, 1, "alice", "bob", id, "hello", NOW.toEpochMilli())));

        assertThat(messages()).singleElement().satisfies(m -> {
            assertThat(m.seq()).isEqualTo(1);
            assertThat(m.delivery()).isEqualTo(Delivery.DELIVERED);
        });
    }

    @Test
    void aNewChatLearnsItsConversationFromTheFirstMessage() {
        vm.show(0, "bob", false, "Bob", null);
        vm.send("first");
        String id = gateway.outbox.get(0).clientMsgId();
        assertThat(gateway.outbox.get(0).to()).isEqualTo("bob");

        gateway.fire(l -> l.onAcknowledged(id, 12, 1));
        gateway.events(event(1, new Message(12, 1, "alice", "bob", id, "first", NOW.toEpochMilli())));

        assertThat(vm.conversationId()).isEqualTo(12);
        assertThat(messages()).extracting(ChatRow.Msg::seq).containsExactly(1L);
    }

    @Test
    void refusedMessageShowsFailedAndRetryPutsItBackInTheOutbox() {
        vm.show(7, "bob", false, "Bob", null);
        vm.send("to nobody");
        String id = gateway.outbox.get(0).clientMsgId();
        gateway.failed.add(gateway.outbox.remove(0));

        gateway.fire(l -> l.onSendFailed(id, ErrorCode.NOT_FOUND, "no such user"));
        assertThat(messages().get(0).delivery()).isEqualTo(Delivery.FAILED);
        assertThat(vm.errorProperty().get()).isEqualTo("no such user");

        vm.retry(id);
        assertThat(gateway.calls).contains("resend " + id);
        assertThat(messages().get(0).delivery()).isEqualTo(Delivery.SENDING);
    }

    @Test
    void marksReadOnlyWhileActiveAndOnlyOthersMessages() {
        gateway.messages.put(7L, new ArrayList<>(List.of(msg(7, 1, "bob", "alice", "hi", NOW))));
        vm.show(7, "bob", false, "Bob", null);
        assertThat(gateway.calls).noneMatch(c -> c.startsWith("markRead"));

        vm.setActive(true);
        gateway.events(event(2, msg(7, 2, "alice", "bob", "mine", NOW)));
        gateway.events(event(3, msg(7, 3, "bob", "alice", "again", NOW)));

        assertThat(gateway.calls).filteredOn(c -> c.startsWith("markRead")).containsExactly("markRead 7 1", "markRead 7 3");
    }

    @Test
    void loadsOlderPagesFromTheGatewayUntilTheFirstMessage() {
        List<Message> all = new ArrayList<>();
        for (int seq = 1; seq <= 120; seq++) {
            all.add(msg(7, seq, "bob", "alice", "m" + seq, NOW));
        }
        gateway.messages.put(7L, all);
        vm.show(7, "bob", false, "Bob", null);
        assertThat(messages()).hasSize(ChatViewModel.PAGE);
        assertThat(vm.hasOlderProperty().get()).isTrue();

        vm.loadOlder();
        vm.loadOlder();
        vm.loadOlder();

        assertThat(messages()).hasSize(120);
        assertThat(messages().get(0).body()).isEqualTo("m1");
        assertThat(vm.hasOlderProperty().get()).isFalse();
        assertThat(gateway.calls).filteredOn(c -> c.startsWith("older")).containsExactly("older 7 71", "older 7 21");
    }

    @Test
    void groupRowsNameTheSenderOncePerRun() {
        gateway.messages.put(5L, new ArrayList<>(List.of(
                msg(5, 1, "bob", null, "a", NOW), msg(5, 2, "bob", null, "b", NOW), msg(5, 3, "carol", null, "c", NOW),
                msg(5, 4, "alice", null, "d", NOW))));
        vm.show(5, null, true, "Team", dev.confab.client.ui.Fixtures.group(5, "Team", 0, null, "alice", "bob", "carol"));

        assertThat(messages()).extracting(ChatRow.Msg::showSender).containsExactly(true, false, true, false);
        assertThat(messages()).extracting(ChatRow.Msg::senderName).containsExactly("Bob", "Bob", "Carol", "Alice");
        assertThat(vm.header().subtitleProperty().get()).isEqualTo("3 members");
    }

    @Test
    void typingNoticeShowsInTheHeaderUntilItExpires() {
        gateway.users.put("bob", new dev.confab.protocol.Info.User("bob", "Bob", "online", 0));
        vm.show(7, "bob", false, "Bob", null);
        assertThat(vm.header().subtitleProperty().get()).isEqualTo("online");

        gateway.fire(l -> l.onTyping(new ServerFrame.TypingNotice(7, "bob", NOW.toEpochMilli() + 5000)));
        assertThat(vm.header().subtitleProperty().get()).isEqualTo("typing…");

        gateway.events(event(1, msg(7, 1, "bob", "alice", "done typing", NOW)));
        assertThat(vm.header().subtitleProperty().get()).isEqualTo("online");
    }

    @Test
    void composingSendsTypingAtMostEveryFewSeconds() {
        vm.show(7, "bob", false, "Bob", null);
        vm.composing("h");
        vm.composing("he");
        assertThat(gateway.calls).containsOnlyOnce("typing 7");
    }

    @Test
    void readReceiptUpdatesOwnMessageStatus() {
        gateway.messages.put(7L, new ArrayList<>(List.of(msg(7, 1, "alice", "bob", "hi", NOW))));
        vm.show(7, "bob", false, "Bob", null);
        gateway.statuses.put("c7-1", Delivery.READ);

        gateway.events(new Event.ReceiptEvent(4, 7, "bob", 1, 1));

        assertThat(messages().get(0).delivery()).isEqualTo(Delivery.READ);
    }
}
