package dev.confab.client.ui.notify;

import static dev.confab.client.ui.Fixtures.NOW;
import static dev.confab.client.ui.Fixtures.direct;
import static dev.confab.client.ui.Fixtures.event;
import static dev.confab.client.ui.Fixtures.group;
import static dev.confab.client.ui.Fixtures.msg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.ui.FakeGateway;
import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotificationsViewModelTest {
    private final FakeGateway gateway = new FakeGateway("alice");
    private final List<Toast> system = new ArrayList<>();
    private final NotificationsViewModel vm =
            new NotificationsViewModel(gateway, Clock.fixed(NOW, ZoneOffset.UTC), system::add);

    @BeforeEach
    void setUp() {
        gateway.conversations.add(direct(1, "alice", "bob", 1, null));
        gateway.conversations.add(group(2, "Team", 1, null, "alice", "bob", "carol"));
        gateway.addListener(vm);
        vm.setViewing(1, true);
    }

    @Test
    void notifiesForConversationsNotInView() {
        gateway.events(event(1, msg(1, 1, "bob", "alice", "in view", NOW)), event(2, msg(2, 1, "carol", null, "team news", NOW)));
        assertThat(vm.toasts()).singleElement().satisfies(t -> {
            assertThat(t.title()).isEqualTo("Carol in Team");
            assertThat(t.body()).isEqualTo("team news");
        });
        assertThat(system).isEmpty();
    }

    @Test
    void ownMessagesAndDisabledNotificationsStayQuiet() {
        gateway.events(event(1, msg(2, 1, "alice", null, "mine", NOW)));
        vm.enabledProperty().set(false);
        gateway.events(event(2, msg(2, 2, "bob", null, "muted", NOW)));
        assertThat(vm.toasts()).isEmpty();
    }

    @Test
    void readOnAnotherDeviceNeverNotifiesAndWithdrawsTheToast() {
        gateway.events(event(1, msg(2, 1, "bob", null, "one", NOW)));
        assertThat(vm.toasts()).hasSize(1);

        gateway.events(new Event.ReceiptEvent(2, 2, "alice", 1, 1));
        assertThat(vm.toasts()).isEmpty();

        gateway.events(event(3, msg(2, 2, "bob", null, "two", NOW)), new Event.ReceiptEvent(4, 2, "alice", 2, 2));
        assertThat(vm.toasts()).isEmpty();

        gateway.conversations.set(1, new Info.Conversation(2, "group", "Team", null, true, List.of(), 3, 3, 0, null));
        gateway.events(event(5, msg(2, 3, "bob", null, "already read in the cache", NOW)));
        assertThat(vm.toasts()).isEmpty();
    }

    @Test
    void oneToastPerConversationCountsItsMessages() {
        gateway.events(event(1, msg(2, 1, "bob", null, "one", NOW)), event(2, msg(2, 2, "bob", null, "two", NOW)));
        assertThat(vm.toasts()).singleElement().satisfies(t -> {
            assertThat(t.count()).isEqualTo(2);
            assertThat(t.body()).isEqualTo("two  (2 new)");
        });
    }

    @Test
    void anUnfocusedWindowAlsoNotifiesTheSystemEvenForTheChatInView() {
        vm.setViewing(1, false);
        gateway.events(event(1, msg(1, 1, "bob", "alice", "psst", NOW)));
        assertThat(system).extracting(Toast::title).containsExactly("Bob");
    }
}
