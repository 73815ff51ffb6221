package dev.confab.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {
    @TempDir
    Path dir;

    private static Event.MessageEvent event(long seq, long conversation, long msgSeq, String from, String body) {
        return new Event.MessageEvent(seq, new Message(conversation, msgSeq, from, "bob", "c" + seq, body, 1000 + seq));
    }

    @Test
    void freshStoreHasNoSessionAZeroCursorAndAnEmptyOutbox() {
        try (LocalStore store = LocalStore.open(dir)) {
            assertThat(store.session()).isEmpty();
            assertThat(store.username()).isNull();
            assertThat(store.cursor()).isZero();
            assertThat(store.outbox(10)).isEmpty();
        }
    }

    @Test
    void sessionCursorOutboxAndMessagesSurviveReopening() {
        try (LocalStore store = LocalStore.open(dir)) {
            store.saveSession(new StoredSession("alice", "tok-1"));
            store.enqueue(new OutboxEntry("m1", "bob", null, "first", 1));
            store.enqueue(new OutboxEntry("m2", null, 7L, "second", 2));
            store.apply(List.of(event(1, 7, 1, "alice", "hi"), event(2, 7, 2, "bob", "hello")));
        }
        try (LocalStore store = LocalStore.open(dir)) {
            assertThat(store.session()).contains(new StoredSession("alice", "tok-1"));
            assertThat(store.cursor()).isEqualTo(2);
            assertThat(store.outbox(10)).extracting(OutboxEntry::clientMsgId).containsExactly("m1", "m2");
            assertThat(store.outbox(10).get(1).conversationId()).isEqualTo(7L);
            assertThat(store.history(7, Long.MAX_VALUE, 10)).extracting(Message::body).containsExactly("hi", "hello");
        }
    }

    @Test
    void outboxKeepsInsertionOrderAndRemovesAcknowledgedEntriesOnce() {
        try (LocalStore store = LocalStore.open(dir)) {
            for (int i = 0; i < 5; i++) {
                store.enqueue(new OutboxEntry("m" + i, "bob", null, "body " + i, i));
            }
            assertThat(store.removeFromOutbox("m2")).isTrue();
            assertThat(store.removeFromOutbox("m2")).isFalse();

            assertThat(store.outbox(3)).extracting(OutboxEntry::clientMsgId).containsExactly("m0", "m1", "m3");
        }
    }

    @Test
    void applyRejectsEventsThatDoNotContinueTheStreamAndChangesNothing() {
        try (LocalStore store = LocalStore.open(dir)) {
            store.apply(List.of(event(1, 7, 1, "alice", "a")));

            assertThatThrownBy(() -> store.apply(List.of(event(2, 7, 2, "bob", "b"), event(4, 7, 3, "bob", "c"))))
                    .isInstanceOf(IllegalArgumentException.class);

            assertThat(store.cursor()).isEqualTo(1);
            assertThat(store.history(7, Long.MAX_VALUE, 10)).hasSize(1);
        }
    }

    @Test
    void historyPagesBackwardsOldestFirst() {
        try (LocalStore store = LocalStore.open(dir)) {
            for (int i = 1; i <= 10; i++) {
                store.apply(List.of(event(i, 3, i, "bob", "m" + i)));
            }
            assertThat(store.history(3, Long.MAX_VALUE, 3)).extracting(Message::seq).containsExactly(8L, 9L, 10L);
            assertThat(store.history(3, 8, 3)).extracting(Message::seq).containsExactly(5L, 6L, 7L);
            assertThat(store.history(4, Long.MAX_VALUE, 3)).isEmpty();
        }
    }

    @Test
    void signingInAsAnotherUserForgetsThePreviousUsersData() {
        try (LocalStore store = LocalStore.open(dir)) {
            store.saveSession(new StoredSession("alice", "tok-1"));
            store.enqueue(new OutboxEntry("m1", "bob", null, "x", 1));
            store.apply(List.of(event(1, 7, 1, "alice", "a")));

            store.saveSession(new StoredSession("alice", "tok-2"));
            assertThat(store.cursor()).as("same user keeps data").isEqualTo(1);

            store.saveSession(new StoredSession("carol", "tok-3"));
            assertThat(store.cursor()).isZero();
            assertThat(store.outbox(10)).isEmpty();
            assertThat(store.history(7, Long.MAX_VALUE, 10)).isEmpty();
        }
    }

    @Test
    void clearedTokenMeansSignedOutButKeepsTheOutbox() {
        try (LocalStore store = LocalStore.open(dir)) {
            store.saveSession(new StoredSession("alice", "tok-1"));
            store.enqueue(new OutboxEntry("m1", "bob", null, "x", 1));

            store.clearToken();

            assertThat(store.session()).isEmpty();
            assertThat(store.username()).isEqualTo("alice");
            assertThat(store.outbox(10)).hasSize(1);
        }
    }

    @Test
    void resetCursorStartsTheStreamOverButKeepsMessages() {
        try (LocalStore store = LocalStore.open(dir)) {
            store.apply(List.of(event(1, 7, 1, "alice", "a"), event(2, 7, 2, "alice", "b")));

            store.resetCursor();
            store.apply(List.of(event(1, 7, 1, "alice", "a")));

            assertThat(store.cursor()).isEqualTo(1);
            assertThat(store.history(7, Long.MAX_VALUE, 10)).hasSize(2);
        }
    }

    @Test
    void inMemoryStoreBehavesLikeTheFileStoreAndEachIsSeparate() {
        try (LocalStore a = LocalStore.inMemory(); LocalStore b = LocalStore.inMemory()) {
            a.saveSession(new StoredSession("alice", "tok-1"));
            a.apply(List.of(event(1, 7, 1, "alice", "a")));
            a.enqueue(new OutboxEntry("m1", "bob", null, "x", 1));

            assertThat(a.cursor()).isEqualTo(1);
            assertThat(a.outbox(10)).hasSize(1);
            assertThat(b.session()).isEmpty();
            assertThat(b.cursor()).isZero();
        }
    }
}
