package dev.confab.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import dev.confab.protocol.ServerFrame;
import dev.confab.server.store.HistoryStore.NewMessage;
import dev.confab.server.store.HistoryStore.UserEvent;
import dev.confab.server.store.rocksdb.RocksDbHistoryStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pump's pacing (ADR 0018) against a real RocksDB store: a connection that grants room frame by frame, live
 * events while paused, stopping while paused. Work runs on the calling thread, so every step is deterministic.
 */
class EventPumpTest {
    private static final long USER = 42;
    private static final String BODY = "b".repeat(10_000); // ~25 message events per frame (FRAME_BUDGET)
    private static final Executor INLINE = Runnable::run;

    @TempDir
    Path dir;
    private RocksDbHistoryStore store;
    private long nextSeq = 1;

    @BeforeEach
    void open() {
        store = RocksDbHistoryStore.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void catchUpSendsOnlyWhileThereIsRoomAndResumesWhereItStopped() throws Exception {
        List<Event> backlog = commit(600); // more than one store page of 500
        PacedConnection connection = new PacedConnection(1);
        EventPump pump = new EventPump(USER, 0, store, INLINE, connection);

        pump.start();
        assertThat(connection.frames).as("one frame, then no room").hasSize(1);
        assertThat(connection.waiting()).isTrue();
        int rounds = 0;
        while (connection.waiting() && rounds++ < 100) {
            connection.grant(2);
        }

        assertThat(connection.waiting()).isFalse();
        assertThat(connection.frames.size()).as("frames of about 25 events each").isBetween(24, 26);
        assertThat(seqs(connection.events())).isEqualTo(seqs(backlog));
    }

    @Test
    void liveEventsWhilePausedAreReadFromTheStoreAfterwardsOnceAndInOrder() throws Exception {
        commit(100);
        PacedConnection connection = new PacedConnection(1);
        EventPump pump = new EventPump(USER, 0, store, INLINE, connection);
        pump.start();
        int sentWhenPaused = connection.events().size();

        for (int i = 0; i < 5; i++) {
            pump.onEvents(commit(3)); // committed, then published, as the writer does
        }
        assertThat(connection.events()).as("nothing goes out while paused").hasSize(sentWhenPaused);
        while (connection.waiting()) {
            connection.grant(1);
        }

        assertThat(seqs(connection.events())).containsExactlyElementsOf(LongStream.rangeClosed(1, 115).boxed().toList());
    }

    @Test
    void onceCaughtUpLiveEventsGoOutAtOnceWithoutWaitingForRoom() throws Exception {
        commit(10);
        PacedConnection connection = new PacedConnection(100);
        EventPump pump = new EventPump(USER, 0, store, INLINE, connection);
        pump.start();
        assertThat(connection.events()).hasSize(10);

        connection.room = 0;
        pump.onEvents(commit(2));

        assertThat(seqs(connection.events())).containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
        assertThat(connection.waiting()).isFalse();
    }

    @Test
    void aPumpStoppedWhilePausedSendsNothingMoreWhenRoomComes() throws Exception {
        commit(200);
        PacedConnection connection = new PacedConnection(1);
        EventPump pump = new EventPump(USER, 0, store, INLINE, connection);
        pump.start();
        int sent = connection.events().size();

        pump.stop();
        connection.grant(100);
        pump.onEvents(commit(1));

        assertThat(connection.events()).hasSize(sent);
    }

    /** Commits {@code n} message events for the user, as the writer does; returns them. */
    private List<Event> commit(int n) throws Exception {
        List<NewMessage> messages = new ArrayList<>();
        List<UserEvent> events = new ArrayList<>();
        List<Event> published = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long seq = nextSeq++;
            Message m = new Message(7, seq, "alice", "bob", "c" + seq, BODY, 1000 + seq);
            Event e = new Event.MessageEvent(seq, m);
            messages.add(new NewMessage(1, m));
            events.add(new UserEvent(USER, e));
            published.add(e);
        }
        store.commit(messages, events, List.of());
        return published;
    }

    private static List<Long> seqs(List<Event> events) {
        return events.stream().map(Event::seq).toList();
    }

    /** A connection with room for a number of frames; {@link #grant} is what a drained socket does. */
    private static final class PacedConnection implements Connection {
        final List<ServerFrame.Events> frames = new ArrayList<>();
        int room;
        Runnable resume;

        PacedConnection(int room) {
            this.room = room;
        }

        void grant(int more) {
            room += more;
            Runnable r = resume;
            resume = null;
            if (r != null) {
                r.run();
            }
        }

        boolean waiting() {
            return resume != null;
        }

        List<Event> events() {
            return frames.stream().flatMap(f -> f.events().stream()).toList();
        }

        @Override
        public void push(ServerFrame frame) {
            frames.add((ServerFrame.Events) frame);
            room--;
        }

        @Override
        public boolean hasRoom() {
            return room > 0;
        }

        @Override
        public void whenRoom(Runnable r) {
            resume = r;
            if (hasRoom()) {
                grant(0);
            }
        }

        @Override
        public boolean streaming() {
            return true;
        }

        @Override
        public boolean helloDone() {
            return true;
        }

        @Override
        public void helloDone(boolean done) {
        }

        @Override
        public Optional<Session> session() {
            return Optional.empty();
        }

        @Override
        public void session(Session session) {
        }

        @Override
        public Executor serial() {
            return INLINE;
        }

        @Override
        public boolean attach(AutoCloseable subscription) {
            return true;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public String remoteAddress() {
            return null;
        }

        @Override
        public void close(String reason) {
        }
    }
}
