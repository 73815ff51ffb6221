package dev.confab.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import dev.confab.server.store.HistoryStore.NewMessage;
import dev.confab.server.store.HistoryStore.UserEvent;
import dev.confab.server.store.rocksdb.RocksDbHistoryStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbHistoryStoreTest {
    @TempDir
    Path dir;
    private RocksDbHistoryStore store;

    @BeforeEach
    void open() {
        store = RocksDbHistoryStore.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Message message(long conversation, long seq) {
        return new Message(conversation, seq, "alice", "bob", "c" + conversation + "-" + seq, "body " + seq, 1000 + seq);
    }

    private void commit(long conversation, long fromSeq, long toSeq, long userId, long firstEvent) throws Exception {
        List<NewMessage> messages = new ArrayList<>();
        List<UserEvent> events = new ArrayList<>();
        long event = firstEvent;
        for (long seq = fromSeq; seq <= toSeq; seq++) {
            Message m = message(conversation, seq);
            messages.add(new NewMessage(1, m));
            events.add(new UserEvent(userId, new Event.MessageEvent(event++, m)));
        }
        store.commit(messages, events, List.of());
    }

    @Test
    void youngLevelsAreStoredUncompressedAndOlderOnesWithLz4AndInsertsAreHinted() throws Exception {
        // RocksDB writes the options it runs with to OPTIONS-* in the store directory; every column family must
        // carry the per-level compression (and the bundled native library must support LZ4, or open() fails).
        java.util.Optional<Path> options;
        try (var files = java.nio.file.Files.list(dir)) {
            options = files.filter(f -> f.getFileName().toString().startsWith("OPTIONS-"))
                    .max(java.util.Comparator.naturalOrder());
        }
        assertThat(options).isPresent();
        String text = java.nio.file.Files.readString(options.get());
        assertThat(text.split("\\[CFOptions ")).hasSize(6); // default + messages, events, sent, markers
        assertThat(text.split("compression_per_level=kNoCompression:kNoCompression:kLZ4Compression:kLZ4Compression:"
                + "kLZ4Compression:kLZ4Compression:kLZ4Compression", -1)).hasSize(6);
        // Memtable inserts continue from where each stream's previous key went (ADR 0016).
        assertThat(text.split("memtable_insert_with_hint_prefix_extractor=rocksdb.FixedPrefix.8", -1)).hasSize(6);
    }

    @Test
    void emptyStoreHasNoSeqs() {
        assertThat(store.latestMessageSeq(5)).isZero();
        assertThat(store.latestEventSeq(5)).isZero();
        assertThat(store.page(5, Long.MAX_VALUE, 10)).isEmpty();
        assertThat(store.events(5, 0, 10)).isEmpty();
    }

    @Test
    void latestSeqIsPerConversationAndNotConfusedByNeighbours() throws Exception {
        commit(7, 1, 30, 100, 1);
        commit(8, 1, 3, 100, 31);
        commit(6, 1, 5, 101, 1);

        assertThat(store.latestMessageSeq(7)).isEqualTo(30);
        assertThat(store.latestMessageSeq(8)).isEqualTo(3);
        assertThat(store.latestMessageSeq(6)).isEqualTo(5);
        assertThat(store.latestMessageSeq(9)).isZero();
        assertThat(store.latestEventSeq(100)).isEqualTo(33);
        assertThat(store.latestEventSeq(101)).isEqualTo(5);
    }

    @Test
    void pagesGoBackwardsOldestFirstAndStopAtTheConversationBoundary() throws Exception {
        commit(7, 1, 30, 100, 1);
        commit(8, 1, 3, 100, 31);

        assertThat(store.page(7, Long.MAX_VALUE, 10)).extracting(Message::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(21, 30).boxed().toList());
        assertThat(store.page(7, 21, 10)).extracting(Message::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(11, 20).boxed().toList());
        assertThat(store.page(7, 4, 10)).extracting(Message::seq).containsExactly(1L, 2L, 3L);
        assertThat(store.page(7, 1, 10)).isEmpty();
        assertThat(store.page(8, Long.MAX_VALUE, 10)).extracting(Message::conversationId).containsOnly(8L);
    }

    @Test
    void eventsResolveMessageReferencesInOrder() throws Exception {
        commit(7, 1, 5, 100, 1);

        List<Event> events = store.events(100, 2, 10);

        assertThat(events).extracting(Event::seq).containsExactly(3L, 4L, 5L);
        assertThat(((Event.MessageEvent) events.get(0)).message()).isEqualTo(message(7, 3));
        assertThat(store.events(100, 0, 2)).extracting(Event::seq).containsExactly(1L, 2L);
    }

    @Test
    void findSentLooksUpBySenderAndClientMsgId() throws Exception {
        commit(7, 1, 2, 100, 1);

        assertThat(store.findSent(1, "c7-2")).contains(message(7, 2));
        assertThat(store.findSent(2, "c7-2")).isEmpty();
        assertThat(store.findSent(1, "nope")).isEmpty();
    }

    @Test
    void markersAreStoredPerConversationAndMember() throws Exception {
        store.commit(List.of(), List.of(), List.of(new HistoryStore.Marker(7, 100, 5, 3),
                new HistoryStore.Marker(7, 101, 2, 2), new HistoryStore.Marker(8, 100, 9, 9)));

        assertThat(store.marker(7, 100)).isEqualTo(new HistoryStore.Marker(7, 100, 5, 3));
        assertThat(store.marker(7, 102)).isEqualTo(new HistoryStore.Marker(7, 102, 0, 0));
        assertThat(store.markers(7)).extracting(HistoryStore.Marker::userId).containsExactly(100L, 101L);
    }

    @Test
    void committedDataSurvivesReopening() throws Exception {
        commit(7, 1, 10, 100, 1);
        store.close();

        store = RocksDbHistoryStore.open(dir);

        assertThat(store.latestMessageSeq(7)).isEqualTo(10);
        assertThat(store.events(100, 0, 100)).hasSize(10);
    }
}
