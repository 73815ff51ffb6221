package dev.confab.server.store.rocksdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.confab.protocol.Event;
import dev.confab.protocol.Message;
import dev.confab.server.store.HistoryStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * {@link HistoryStore} on RocksDB. Column families: {@code messages} (conversation ‖ seq → message JSON),
 * {@code events} (user ‖ seq → event), {@code sent} (sender ‖ clientMsgId → conversation ‖ seq),
 * {@code markers} (conversation ‖ user → delivered ‖ read).
 * A message event is stored as a reference to the message, so a group message is stored once.
 */
public final class RocksDbHistoryStore implements HistoryStore {
    private static final byte EVENT_MESSAGE_REF = 1;
    private static final byte EVENT_INLINE_JSON = 2;
    private static final long WRITE_BUFFER_BYTES = 8L * 1024 * 1024;

    static {
        NativeLibrary.load();
    }

    private final RocksDB db;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final List<ColumnFamilyHandle> handles;
    private final ColumnFamilyHandle messages;
    private final ColumnFamilyHandle events;
    private final ColumnFamilyHandle sent;
    private final ColumnFamilyHandle markers;
    private final WriteOptions durable;
    private final ObjectMapper json = JsonMapper.builder().build();

    private RocksDbHistoryStore(RocksDB db, DBOptions dbOptions, ColumnFamilyOptions cfOptions,
                                List<ColumnFamilyHandle> handles) {
        this.db = db;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.handles = handles;
        this.messages = handles.get(1);
        this.events = handles.get(2);
        this.sent = handles.get(3);
        this.markers = handles.get(4);
        this.durable = new WriteOptions().setSync(true);
    }

    /**
     * No compression in levels 0 and 1, LZ4 below. Snappy everywhere (RocksDB's default) cost ~40 % of the store's
     * CPU per message, spent compressing every flush and re-compressing the same young data in each L0→L1
     * compaction: 15.2–16.6 → 9.8–10.0 us of process CPU per dm message
     * ({@code bench/tools/StoreBench.java 8 nosort snappy|tiered}). Levels 0-1 hold the newest ~300 MiB per column
     * family, so this costs at most that much disk over compressing them; older data is compressed as before (LZ4,
     * cheaper than Snappy both ways). Existing files keep their compression; each file records its own.
     */
    static List<CompressionType> compressionPerLevel() {
        int levels = 7; // RocksDB's default num_levels
        List<CompressionType> perLevel = new ArrayList<>(levels);
        for (int level = 0; level < levels; level++) {
            perLevel.add(level < 2 ? CompressionType.NO_COMPRESSION : CompressionType.LZ4_COMPRESSION);
        }
        return perLevel;
    }

    /**
     * Column-family options whose memtables remember, per key prefix (a user's event stream, a conversation's
     * messages), where the last insert went, so the next key of that stream is inserted from there instead of being
     * searched for from the top of the skip list. Every commit appends at the end of many streams (a 1,000-member
     * group message: 1,000 event references), so this is the common case. The writer thread's CPU per 1,000-member
     * group message fell 671 -> 436 us, per dm message 6.0 -> 4.6 us ({@code bench/tools/StoreBench.java 8 nosort
     * tiered nohint|hint fan|dm}). RocksJava has no setter for it; RocksDB parses it from its option string. Only the
     * insert path uses it (RocksDB applies hints only when a write group has a single writer, as ours always has).
     */
    static ColumnFamilyOptions withInsertHints() {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("memtable_insert_with_hint_prefix_extractor", "rocksdb.FixedPrefix." + Keys.PREFIX);
        ColumnFamilyOptions options = ColumnFamilyOptions.getColumnFamilyOptionsFromProps(props);
        if (options == null) {
            // Not understood by this RocksDB build: the store works the same, only its inserts cost more.
            org.slf4j.LoggerFactory.getLogger(RocksDbHistoryStore.class)
                    .warn("RocksDB did not accept memtable insert hints; running without them");
            return new ColumnFamilyOptions();
        }
        return options;
    }

    public static RocksDbHistoryStore open(Path directory) {
        try {
            Files.createDirectories(directory);
            DBOptions dbOptions = new DBOptions()
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    .setMaxBackgroundJobs(2)
                    .setKeepLogFileNum(5);
            ColumnFamilyOptions cfOptions = withInsertHints()
                    .useFixedLengthPrefixExtractor(Keys.PREFIX)
                    // Small memtables: every commit inserts keys all over each skip list (1,000 users' streams, random
                    // dedup ids), and the single writer thread pays for each insert's cache-missing search. At the
                    // default 64 MiB it spent 16.6 us of CPU per message in RocksDB, at 8 MiB 7.4 us (same process
                    // total: flushes are cheap and run in the background). See docs/benchmarks.md.
                    .setWriteBufferSize(WRITE_BUFFER_BYTES)
                    .setCompressionPerLevel(compressionPerLevel())
                    .setTableFormatConfig(new BlockBasedTableConfig()
                            .setFilterPolicy(new BloomFilter(10, false))
                            .setWholeKeyFiltering(true));
            List<ColumnFamilyDescriptor> descriptors = List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
                    new ColumnFamilyDescriptor("messages".getBytes(), cfOptions),
                    new ColumnFamilyDescriptor("events".getBytes(), cfOptions),
                    new ColumnFamilyDescriptor("sent".getBytes(), cfOptions),
                    new ColumnFamilyDescriptor("markers".getBytes(), cfOptions));
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, directory.toAbsolutePath().toString(), descriptors, handles);
            return new RocksDbHistoryStore(db, dbOptions, cfOptions, handles);
        } catch (RocksDBException | IOException e) {
            throw new IllegalStateException("cannot open history store in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long latestMessageSeq(long conversationId) {
        return latestSeq(messages, conversationId);
    }

    @Override
    public long latestEventSeq(long userId) {
        return latestSeq(events, userId);
    }

    @Override
    public Optional<Message> findSent(long senderId, String clientMsgId) {
        try {
            byte[] ref = db.get(sent, Keys.sent(senderId, clientMsgId));
            if (ref == null) {
                return Optional.empty();
            }
            byte[] value = db.get(messages, ref);
            return value == null ? Optional.empty() : Optional.of(readMessage(value));
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void commit(List<NewMessage> newMessages, List<UserEvent> userEvents, List<Marker> newMarkers)
            throws StoreException {
        try (WriteBatch batch = new WriteBatch()) {
            for (NewMessage m : newMessages) {
                byte[] key = Keys.key(m.message().conversationId(), m.message().seq());
                batch.put(messages, key, json.writeValueAsBytes(m.message()));
                batch.put(sent, Keys.sent(m.senderId(), m.message().clientMsgId()), key);
            }
            for (UserEvent e : userEvents) {
                batch.put(events, Keys.key(e.userId(), e.event().seq()), encodeEvent(e.event()));
            }
            for (Marker m : newMarkers) {
                batch.put(markers, Keys.key(m.conversationId(), m.userId()),
                        ByteBuffer.allocate(16).putLong(m.delivered()).putLong(m.read()).array());
            }
            db.write(durable, batch);
        } catch (RocksDBException e) {
            throw new StoreException("history write failed: " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode message", e);
        }
    }

    @Override
    public Marker marker(long conversationId, long userId) {
        try {
            byte[] value = db.get(markers, Keys.key(conversationId, userId));
            return value == null ? new Marker(conversationId, userId, 0, 0) : decodeMarker(Keys.key(conversationId, userId), value);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Marker> markers(long conversationId) {
        List<Marker> result = new ArrayList<>();
        try (ReadOptions options = new ReadOptions().setPrefixSameAsStart(true);
             RocksIterator it = db.newIterator(markers, options)) {
            for (it.seek(Keys.prefix(conversationId)); it.isValid(); it.next()) {
                if (Keys.id(it.key()) != conversationId) {
                    break;
                }
                result.add(decodeMarker(it.key(), it.value()));
            }
        }
        return result;
    }

    private static Marker decodeMarker(byte[] key, byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        return new Marker(Keys.id(key), Keys.seq(key), b.getLong(), b.getLong());
    }

    @Override
    public List<Message> page(long conversationId, long beforeExclusive, int limit) {
        if (beforeExclusive <= 1) {
            return List.of();
        }
        List<Message> newestFirst = new ArrayList<>(limit);
        try (ReadOptions options = new ReadOptions().setPrefixSameAsStart(true);
             RocksIterator it = db.newIterator(messages, options)) {
            for (it.seekForPrev(Keys.key(conversationId, beforeExclusive - 1));
                 it.isValid() && newestFirst.size() < limit; it.prev()) {
                if (Keys.id(it.key()) != conversationId) {
                    break;
                }
                newestFirst.add(readMessage(it.value()));
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public List<Event> events(long userId, long afterExclusive, int limit) {
        List<Event> result = new ArrayList<>(limit);
        List<byte[]> refs = new ArrayList<>();
        List<Integer> refSlots = new ArrayList<>();
        List<Long> refSeqs = new ArrayList<>();
        try (ReadOptions options = new ReadOptions().setPrefixSameAsStart(true);
             RocksIterator it = db.newIterator(events, options)) {
            for (it.seek(Keys.key(userId, afterExclusive + 1)); it.isValid() && result.size() < limit; it.next()) {
                if (Keys.id(it.key()) != userId) {
                    break;
                }
                byte[] value = it.value();
                long seq = Keys.seq(it.key());
                if (value[0] == EVENT_MESSAGE_REF) {
                    refs.add(Arrays.copyOfRange(value, 1, 17));
                    refSlots.add(result.size());
                    refSeqs.add(seq);
                    result.add(null);
                } else {
                    result.add(json.readValue(value, 1, value.length - 1, Event.class));
                }
            }
            if (!refs.isEmpty()) {
                List<byte[]> bodies = db.multiGetAsList(Collections.nCopies(refs.size(), messages), refs);
                for (int i = 0; i < refs.size(); i++) {
                    byte[] body = bodies.get(i);
                    if (body == null) {
                        throw new IllegalStateException("event " + refSeqs.get(i) + " of user " + userId
                                + " refers to a missing message");
                    }
                    result.set(refSlots.get(i), new Event.MessageEvent(refSeqs.get(i), readMessage(body)));
                }
            }
            return result;
        } catch (RocksDBException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A RocksDB checkpoint into {@code directory} (must not exist): consistent, hard links where possible (ops). */
    public void checkpoint(Path directory) throws IOException {
        try (Checkpoint checkpoint = Checkpoint.create(db)) {
            checkpoint.createCheckpoint(directory.toAbsolutePath().toString());
        } catch (RocksDBException e) {
            throw new IOException("RocksDB checkpoint failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, handles);
        } catch (RocksDBException e) {
            // the WAL still holds everything; closing is what matters
        }
        handles.forEach(ColumnFamilyHandle::close);
        durable.close();
        db.close();
        dbOptions.close();
        cfOptions.close();
    }

    private long latestSeq(ColumnFamilyHandle family, long id) {
        try (ReadOptions options = new ReadOptions().setPrefixSameAsStart(true);
             RocksIterator it = db.newIterator(family, options)) {
            it.seekForPrev(Keys.key(id, Long.MAX_VALUE));
            return it.isValid() && Keys.id(it.key()) == id ? Keys.seq(it.key()) : 0;
        }
    }

    private byte[] encodeEvent(Event event) throws JsonProcessingException {
        if (event instanceof Event.MessageEvent m) {
            return ByteBuffer.allocate(17).put(EVENT_MESSAGE_REF)
                    .putLong(m.message().conversationId()).putLong(m.message().seq()).array();
        }
        byte[] body = json.writeValueAsBytes(event);
        return ByteBuffer.allocate(1 + body.length).put(EVENT_INLINE_JSON).put(body).array();
    }

    private Message readMessage(byte[] value) {
        try {
            return json.readValue(value, Message.class);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt message record", e);
        }
    }
}
