import org.rocksdb.*;
import java.nio.ByteBuffer;
import java.util.*;
import java.lang.management.*;

/**
 * The RocksDB write path on its own, as the server's single writer drives it: batches of 64 dm-like sends (message,
 * dedup entry, two event references, a marker) into the server's column-family layout, sync off, 1M messages; prints
 * CPU per message of the writing thread and of the process (flushes and compactions included) after a 200k warmup.
 * Message bodies are random text. Not part of the Maven build:
 * {@code java -cp server/target/confab-server.jar bench/tools/StoreBench.java <write-buffer-MiB> [sort|nosort]
 * [snappy|tiered] [nohint|hint] [dm|fan]} ({@code tiered}: L0-L1 uncompressed, LZ4 below, as the server since round 3;
 * {@code hint}: memtable insert hints per 8-byte prefix, as the server since round 4 (ADR 0016); {@code fan}: instead of
 * dm batches, 3,000 single-message commits of a 1,000-member group message, 1,000 event references each, 1,000
 * warmup; the figures are then per group message).
 */
public class StoreBench {
    static byte[] key(long a, long b) { return ByteBuffer.allocate(16).putLong(a).putLong(b).array(); }
    public static void main(String[] args) throws Exception {
        RocksDB.loadLibrary();
        long wbs = Long.parseLong(args[0]) << 20;
        boolean sort = args.length > 1 && args[1].equals("sort");
        java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("storebench");
        String dir = tmp.toString();
        DBOptions dbo = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true).setMaxBackgroundJobs(2);
        boolean hint = args.length > 3 && args[3].equals("hint");
        boolean fan = args.length > 4 && args[4].startsWith("fan");
        Properties props = new Properties();
        if (hint) props.setProperty("memtable_insert_with_hint_prefix_extractor", "rocksdb.FixedPrefix.8");
        ColumnFamilyOptions cfo = (hint ? ColumnFamilyOptions.getColumnFamilyOptionsFromProps(props) : new ColumnFamilyOptions()).useFixedLengthPrefixExtractor(8)
            .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(new BloomFilter(10, false)).setWholeKeyFiltering(true));
        if (wbs > 0) cfo.setWriteBufferSize(wbs);
        String compression = args.length > 2 ? args[2] : "snappy";
        if (compression.equals("tiered")) {
            List<CompressionType> levels = new ArrayList<>();
            for (int level = 0; level < cfo.numLevels(); level++) {
                levels.add(level < 2 ? CompressionType.NO_COMPRESSION : CompressionType.LZ4_COMPRESSION);
            }
            cfo.setCompressionPerLevel(levels);
        }
        List<ColumnFamilyDescriptor> ds = List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfo),
            new ColumnFamilyDescriptor("messages".getBytes(), cfo), new ColumnFamilyDescriptor("events".getBytes(), cfo),
            new ColumnFamilyDescriptor("sent".getBytes(), cfo), new ColumnFamilyDescriptor("markers".getBytes(), cfo));
        List<ColumnFamilyHandle> h = new ArrayList<>();
        RocksDB db = RocksDB.open(dbo, dir, ds, h);
        WriteOptions wo = new WriteOptions().setSync(false);
        Random r = new Random(1);
        long[] convSeq = new long[500]; long[] evSeq = new long[1000];
        String[] words = "the of and to in is you that it he was for on are as with his they at be this have from or one had by word but not what all were we when your can said there use an each which she do how their if will up other about out many then them these so some her would make like him into time has look two more write go see number no way could people my than first water been call who oil its now find long down day did get come made may part".split(" ");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int total = fan ? 3_000 : 1_000_000, batch = fan ? 1 : 64, warm = fan ? 1_000 : 200_000;
        long cpu0 = 0, t0 = 0, p0 = 0;
        for (int i = 0; i < total; i += batch) {
            if (i == warm) { cpu0 = mx.getCurrentThreadCpuTime(); t0 = System.nanoTime(); p0 = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(); }
            try (WriteBatch b = new WriteBatch()) {
                List<byte[][]> ev = new ArrayList<>();
                for (int j = 0; j < batch; j++) {
                    int pair = r.nextInt(500); int sender = pair * 2 + r.nextInt(2);
                    long seq = ++convSeq[pair];
                    StringBuilder text = new StringBuilder("{\"conversationId\":" + pair + ",\"seq\":" + seq + ",\"senderId\":" + sender + ",\"sentAt\":" + (1795675816837L + i) + ",\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"body\":\"");
                    while (text.length() < 250) text.append(words[r.nextInt(words.length)]).append(' ');
                    byte[] body = text.append("\"}").toString().getBytes();
                    b.put(h.get(1), key(pair, seq), body);
                    b.put(h.get(3), ByteBuffer.allocate(8 + 36).putLong(sender).put(UUID.randomUUID().toString().getBytes()).array(), key(pair, seq));
                    if (fan) {
                        for (int u = 0; u < 1000; u++) ev.add(new byte[][]{key(u, ++evSeq[u]), new byte[17]});
                    } else {
                        ev.add(new byte[][]{key(pair * 2, ++evSeq[pair * 2]), new byte[17]});
                        ev.add(new byte[][]{key(pair * 2 + 1, ++evSeq[pair * 2 + 1]), new byte[17]});
                    }
                    b.put(h.get(4), key(pair, sender), new byte[16]);
                }
                if (sort) ev.sort((x, y) -> Arrays.compareUnsigned(x[0], y[0]));
                for (byte[][] e : ev) b.put(h.get(2), e[0], e[1]);
                db.write(wo, b);
            }
        }
        long cpu = mx.getCurrentThreadCpuTime() - cpu0; long pc = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() - p0;
        System.out.printf("wbs=%dMB sort=%s hint=" + hint + " fan=" + fan + " " + compression + ": process %.2f us, writer %.2f us CPU per message, wall %.2f us%n", wbs >> 20, sort, pc / 1000.0 / (total - warm), cpu / 1000.0 / (total - warm), (System.nanoTime() - t0) / 1000.0 / (total - warm));
        db.close();
        try (var files = java.nio.file.Files.walk(tmp)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
