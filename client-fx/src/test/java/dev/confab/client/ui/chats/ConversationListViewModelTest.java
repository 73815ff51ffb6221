package dev.confab.client.ui.chats;

import static dev.confab.client.ui.Fixtures.NOW;
import static dev.confab.client.ui.Fixtures.direct;
import static dev.confab.client.ui.Fixtures.group;
import static dev.confab.client.ui.Fixtures.msg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.ui.FakeGateway;
import dev.confab.protocol.ServerFrame;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationListViewModelTest {
    private final FakeGateway gateway = new FakeGateway("alice");
    private final ConversationListViewModel vm =
            new ConversationListViewModel(gateway, Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);

    @BeforeEach
    void cache() {
        gateway.conversations.add(group(3, "Team", 2, msg(3, 9, "bob", null, "standup in 5", NOW), "alice", "bob"));
        gateway.conversations.add(direct(1, "alice", "bob", 0, msg(1, 4, "alice", "bob", "see you", NOW.minusSeconds(3600))));
        gateway.conversations.add(direct(2, "alice", "carol", 1, msg(2, 1, "carol", "alice", "hey\nthere", NOW.minusSeconds(86400 * 3))));
        gateway.addListener(vm);
        vm.refresh();
    }

    @Test
    void showsTheCacheWithTitlesPreviewsTimesAndUnreadTotal() {
        assertThat(vm.items()).extracting(ConversationItem::title).containsExactly("Team", "Bob", "Carol");
        assertThat(vm.items()).extracting(ConversationItem::preview)
                .containsExactly("Bob: standup in 5", "You: see you", "hey there");
        assertThat(vm.items()).extracting(ConversationItem::time).containsExactly("12:00", "11:00", "Sat");
        assertThat(vm.totalUnreadProperty().get()).isEqualTo(3);
    }

    @Test
    void filterMatchesTitlesUsernamesAndPreviews() {
        vm.filterProperty().set("car");
        assertThat(vm.items()).extracting(ConversationItem::title).containsExactly("Carol");
        vm.filterProperty().set("STANDUP");
        assertThat(vm.items()).extracting(ConversationItem::title).containsExactly("Team");
        vm.filterProperty().set("");
        assertThat(vm.items()).hasSize(3);
    }

    @Test
    void nextAndPreviousWrapAroundTheVisibleList() {
        vm.selectRelative(1);
        assertThat(vm.selectedProperty().get().title()).isEqualTo("Team");
        vm.selectRelative(-1);
        assertThat(vm.selectedProperty().get().title()).isEqualTo("Carol");
        vm.selectRelative(1);
        assertThat(vm.selectedProperty().get().title()).isEqualTo("Team");
    }

    @Test
    void presenceChangesReachTheOneToOneRows() {
        gateway.fire(l -> l.onPresence(new ServerFrame.Presence("bob", "online", 0)));
        assertThat(vm.items()).extracting(ConversationItem::presence).containsExactly(null, "online", null);
    }

    @Test
    void aDraftChatBecomesItsConversationAndStaysSelected() {
        vm.openDirect("dave", "Dave");
        assertThat(vm.selectedProperty().get().draft()).isTrue();
        assertThat(vm.items().get(0).title()).isEqualTo("Dave");

        gateway.conversations.add(0, direct(8, "alice", "dave", 0, msg(8, 1, "alice", "dave", "hi", NOW)));
        gateway.fire(l -> l.onConversationsChanged());

        assertThat(vm.selectedProperty().get().conversationId()).isEqualTo(8);
        assertThat(vm.items()).extracting(ConversationItem::title).containsExactly("Dave", "Team", "Bob", "Carol");
    }

    @Test
    void openingAnExistingPeerSelectsTheirConversation() {
        vm.openDirect("bob", "Bob");
        assertThat(vm.selectedProperty().get().conversationId()).isEqualTo(1);
    }

    @Test
    void unreadTotalFollowsTheCache() {
        gateway.conversations.set(0, group(3, "Team", 0, msg(3, 9, "bob", null, "standup in 5", NOW), "alice", "bob"));
        gateway.fire(l -> l.onConversationsChanged());
        assertThat(vm.totalUnreadProperty().get()).isEqualTo(1);
    }

    @Test
    void aGroupOpenedBeforeItReachesTheListIsSelectedWhenItArrives() {
        vm.openConversation(9);
        assertThat(vm.selectedProperty().get()).isNull();

        gateway.conversations.add(0, group(9, "Project X", 0, null, "alice", "bob"));
        gateway.fire(l -> l.onConversationsChanged());

        assertThat(vm.selectedProperty().get().title()).isEqualTo("Project X");
    }
}
