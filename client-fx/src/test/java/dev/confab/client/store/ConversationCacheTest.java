package dev.confab.client.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cached conversation list and markers, kept current by applying events (store only, no network). */
class ConversationCacheTest {
    private static final long GROUP = 40;
    private LocalStore store;
    private final List<Event> stream = new ArrayList<>();

    @BeforeEach
    void signIn() {
        store = LocalStore.inMemory();
        store.saveSession(new StoredSession("me", "tok"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Applied next(java.util.function.LongFunction<Event> event) {
        Event e = event.apply(stream.size() + 1L);
        stream.add(e);
        return store.apply(List.of(e));
    }

    private Applied message(long conversation, long seq, String from, String clientMsgId) {
        return next(s -> new Event.MessageEvent(s, new Message(conversation, seq, from, null, clientMsgId,
                "m" + seq, 1000 + seq)));
    }

    private static Info.Conversation group(String name, long latest, long read, String... members) {
        List<Info.Member> list = java.util.Arrays.stream(members).map(m -> new Info.Member(m, m, "member")).toList();
        return new Info.Conversation(GROUP, "group", name, null, true, list, latest, read, latest - read, null);
    }

    private Info.Conversation cached(long id) {
        return store.conversation(id).orElseThrow();
    }

    @Test
    void messagesFromOthersAreUnreadAndOwnMessagesReadEverythingBefore() {
        next(s -> new Event.GroupEvent(s, "created", "ann", List.of(), group("G", 0, 0, "ann", "me", "bob")));
        message(GROUP, 1, "ann", "a1");
        message(GROUP, 2, "bob", "b1");
        assertThat(cached(GROUP).unread()).isEqualTo(2);

        message(GROUP, 3, "me", "m1");
        message(GROUP, 4, "bob", "b2");

        assertThat(cached(GROUP).unread()).isEqualTo(1);
        assertThat(cached(GROUP).latestSeq()).isEqualTo(4);
        assertThat(cached(GROUP).lastMessage().clientMsgId()).isEqualTo("b2");
        assertThat(store.marker(GROUP, "me")).isEqualTo(new Info.Receipt("me", 3, 3));
        assertThat(store.marker(GROUP, "bob")).as("sending reads everything before").isEqualTo(new Info.Receipt("bob", 4, 4));
    }

    @Test
    void ownReceiptMovesTheReadMarkerAndOthersReceiptsOnlyTheirMarkers() {
        next(s -> new Event.GroupEvent(s, "created", "ann", List.of(), group("G", 0, 0, "ann", "me")));
        for (long i = 1; i <= 5; i++) {
            message(GROUP, i, "ann", "a" + i);
        }
        next(s -> new Event.ReceiptEvent(s, GROUP, "me", 5, 3));
        next(s -> new Event.ReceiptEvent(s, GROUP, "ann", 9, 9));
        next(s -> new Event.ReceiptEvent(s, GROUP, "me", 5, 2));

        assertThat(cached(GROUP).readSeq()).as("never backwards").isEqualTo(3);
        assertThat(cached(GROUP).unread()).isEqualTo(2);
        assertThat(store.markers(GROUP)).containsExactly(new Info.Receipt("ann", 9, 9), new Info.Receipt("me", 5, 3));
    }

    @Test
    void removedMemberKeepsTheGroupAsLeftWithNothingUnread() {
        next(s -> new Event.GroupEvent(s, "created", "ann", List.of(), group("G", 0, 0, "ann", "me")));
        message(GROUP, 1, "ann", "a1");
        next(s -> new Event.GroupEvent(s, "member_removed", "ann", List.of("me"), group("G", 7, 0, "ann")));

        assertThat(store.hasLeft(GROUP)).isTrue();
        assertThat(cached(GROUP).unread()).isZero();
        assertThat(cached(GROUP).latestSeq()).as("what this member saw").isEqualTo(1);

        next(s -> new Event.GroupEvent(s, "members_added", "ann", List.of("me"), group("G", 9, 1, "ann", "me")));
        assertThat(store.hasLeft(GROUP)).isFalse();
        assertThat(cached(GROUP).unread()).isEqualTo(8);
    }

    @Test
    void bigGroupEventsWithoutAMemberListApplyRemovalsKeepTheOtherMembersAndAskForARefresh() {
        next(s -> new Event.GroupEvent(s, "created", "ann", List.of(), group("Big", 0, 0, "ann", "me", "bob")));

        Applied renamed = next(s -> new Event.GroupEvent(s, "renamed", "ann", List.of(), group("Bigger", 0, 0)));
        Applied othersRemoved = next(s -> new Event.GroupEvent(s, "member_removed", "ann", List.of("Bob"),
                group("Bigger", 0, 0)));

        assertThat(store.hasLeft(GROUP)).as("only the removed member is out").isFalse();
        assertThat(cached(GROUP).name()).isEqualTo("Bigger");
        assertThat(cached(GROUP).members()).extracting(Info.Member::username).containsExactly("ann", "me");
        assertThat(renamed.unknownConversations()).containsExactly(GROUP);
        assertThat(othersRemoved.unknownConversations()).containsExactly(GROUP);

        next(s -> new Event.GroupEvent(s, "member_removed", "ann", List.of("ME"), group("Bigger", 0, 0)));
        assertThat(store.hasLeft(GROUP)).as("the admin's spelling").isTrue();
    }

    @Test
    void aConversationsReplyAskedBeforeALaterGroupEventDoesNotUndoItButRaisesCounters() {
        next(s -> new Event.GroupEvent(s, "created", "ann", List.of(), group("Old", 0, 0, "ann", "me")));
        long askedAt = store.cursor();
        next(s -> new Event.GroupEvent(s, "renamed", "ann", List.of(), group("New", 0, 0, "ann", "me")));

        store.mergeConversations(List.of(group("Old", 4, 1, "ann", "me")), askedAt);
        assertThat(cached(GROUP).name()).isEqualTo("New");
        assertThat(cached(GROUP).unread()).isEqualTo(3);

        store.mergeConversations(List.of(group("Newest", 2, 0, "ann", "me")), store.cursor());
        assertThat(cached(GROUP).name()).isEqualTo("Newest");
        assertThat(cached(GROUP).latestSeq()).as("never backwards").isEqualTo(4);

        store.mergeConversations(List.of(), store.cursor());
        assertThat(store.hasLeft(GROUP)).as("gone from the server's list").isTrue();
    }

    @Test
    void ownMessageInTheStreamLeavesTheOutboxInTheSameTransaction() {
        store.enqueue(new OutboxEntry("m1", "bob", null, "hi", 1));
        store.enqueue(new OutboxEntry("m2", "bob", null, "there", 2));

        Applied applied = message(9, 1, "me", "m1");

        assertThat(applied.acknowledged()).extracting(Message::clientMsgId).containsExactly("m1");
        assertThat(applied.unknownConversations()).containsExactly(9L);
        assertThat(store.outbox(10)).extracting(OutboxEntry::clientMsgId).containsExactly("m2");
        assertThat(message(9, 2, "me", "m1").acknowledged()).isEmpty();
    }

    @Test
    void refusedMessageIsRememberedAndCanBeQueuedAgain() {
        store.enqueue(new OutboxEntry("m1", "nobody", null, "hi", 1));

        assertThat(store.failSend("m1", "not_found", "no user named 'nobody'")).isTrue();
        assertThat(store.outbox(10)).isEmpty();
        assertThat(store.failedSend("m1")).isPresent();

        assertThat(store.retryFailed("m1")).isTrue();
        assertThat(store.failedSends()).isEmpty();
        assertThat(store.outbox(10)).extracting(OutboxEntry::body).containsExactly("hi");
    }

    @Test
    void listPutsNewEmptyConversationsFirstThenNewestMessageAndProfilesRenameMembers() {
        message(1, 1, "ann", "a1");
        message(2, 1, "bob", "b1");
        next(s -> new Event.GroupEvent(s, "created", "ann", List.of(), group("G", 0, 0, "ann", "me")));
        next(s -> new Event.ProfileEvent(s, new Info.User("ann", "Ann A.", "online", 0)));

        assertThat(store.conversations()).extracting(Info.Conversation::conversationId).containsExactly(GROUP, 2L, 1L);
        assertThat(cached(GROUP).members()).contains(new Info.Member("ann", "Ann A.", "member"));
        assertThat(cached(1).kind()).as("no recipient: a group message").isEqualTo("group");
    }
}
