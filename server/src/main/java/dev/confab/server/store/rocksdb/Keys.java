package dev.confab.server.store.rocksdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Big-endian keys: {@code id ‖ seq}, so one id's entries sort together in seq order. */
final class Keys {
    static final int PREFIX = Long.BYTES;

    private Keys() {
    }

    static byte[] key(long id, long seq) {
        return ByteBuffer.allocate(2 * Long.BYTES).putLong(id).putLong(seq).array();
    }

    static byte[] prefix(long id) {
        return ByteBuffer.allocate(Long.BYTES).putLong(id).array();
    }

    static long id(byte[] key) {
        return ByteBuffer.wrap(key, 0, Long.BYTES).getLong();
    }

    static long seq(byte[] key) {
        return ByteBuffer.wrap(key, Long.BYTES, Long.BYTES).getLong();
    }

    /** Dedup key: sender id ‖ clientMsgId (ASCII). */
    static byte[] sent(long senderId, String clientMsgId) {
        byte[] id = clientMsgId.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(Long.BYTES + id.length).putLong(senderId).put(id).array();
    }
}
