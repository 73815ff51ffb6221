package dev.confab.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.server.store.h2.H2AccountStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2AccountStoreTest {
    @TempDir
    Path dir;
    private H2AccountStore store;

    @BeforeEach
    void open() {
        store = H2AccountStore.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void usersAreFoundByNameAndIdAndNamesAreUnique() {
        AccountStore.User alice = store.createUser("alice", "hash", "Alice", 1);

        assertThat(store.findUser("alice")).contains(alice);
        assertThat(store.findUser(alice.id())).contains(alice);
        assertThat(store.findUser("bob")).isEmpty();
        assertThatThrownBy(() -> store.createUser("alice", "h2", "Other", 2))
                .isInstanceOf(AccountStore.UsernameTakenException.class);
    }

    @Test
    void revokedDevicesAreNoLongerFoundByToken() {
        AccountStore.User alice = store.createUser("alice", "hash", "Alice", 1);
        AccountStore.Device laptop = store.createDevice(alice.id(), "laptop", "a".repeat(64), 2);
        store.createDevice(alice.id(), "desktop", "b".repeat(64), 3);

        assertThat(store.findActiveDevice("a".repeat(64))).contains(laptop);
        store.revokeDevice(laptop.id(), 4);

        assertThat(store.findActiveDevice("a".repeat(64))).isEmpty();
        assertThat(store.findActiveDevice("b".repeat(64))).isPresent();
    }

    @Test
    void directConversationIsCreatedOnceWhicheverSideAsks() {
        long a = store.createUser("alice", "h", "A", 1).id();
        long b = store.createUser("bob", "h", "B", 1).id();

        Set<Long> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 20).parallel().forEach(i -> ids.add(i % 2 == 0 ? store.directConversation(a, b)
                : store.directConversation(b, a)));

        assertThat(ids).hasSize(1);
        assertThat(store.members(ids.iterator().next())).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void noteToSelfHasOneMember() {
        long a = store.createUser("alice", "h", "A", 1).id();

        long self = store.directConversation(a, a);

        assertThat(store.members(self)).isEqualTo(List.of(a));
        assertThat(store.members(self + 1000)).isEmpty();
    }

    @Test
    void dataSurvivesReopening() {
        long a = store.createUser("alice", "h", "A", 1).id();
        long b = store.createUser("bob", "h", "B", 1).id();
        long conversation = store.directConversation(a, b);
        store.close();

        store = H2AccountStore.open(dir);

        assertThat(store.findUser("alice")).isPresent();
        assertThat(store.directConversation(a, b)).isEqualTo(conversation);
    }
}
