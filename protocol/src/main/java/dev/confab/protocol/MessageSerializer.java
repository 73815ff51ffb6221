package dev.confab.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Writes a {@link Message} as the JSON text it was last encoded to, when the very same instance was encoded
 * recently. A committed message is one object shared by the events of all its recipients, so a fan-out to G
 * connections encodes it once instead of G times. A small direct-mapped cache keyed by identity: a miss (or
 * a slot taken over by another message) only costs an encode. Thread safe: entries are immutable.
 */
final class MessageSerializer extends StdSerializer<Message> {
    private static final int SLOTS = 512;

    private final ObjectWriter plain;
    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    MessageSerializer(ObjectWriter plain) {
        super(Message.class);
        this.plain = plain;
    }

    @Override
    public void serialize(Message message, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeRawValue(json(message));
    }

    String json(Message message) throws IOException {
        return entry(message).json;
    }

    /** The same text as {@link #json}, UTF-8 encoded; callers must not modify the array. */
    byte[] utf8(Message message) throws IOException {
        return entry(message).utf8;
    }

    private Entry entry(Message message) throws IOException {
        int slot = System.identityHashCode(message) & (SLOTS - 1);
        Entry entry = slots.get(slot);
        if (entry != null && entry.message == message) {
            return entry;
        }
        String json = plain.writeValueAsString(message);
        // Message text holds no unpaired surrogates (Limits refuses them), so this is exactly what Jackson writes.
        entry = new Entry(message, json, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        slots.set(slot, entry);
        return entry;
    }

    private record Entry(Message message, String json, byte[] utf8) {
    }
}
