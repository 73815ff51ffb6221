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
        int slot = System.identityHashCode(message) & (SLOTS - 1);
        Entry entry = slots.get(slot);
        if (entry != null && entry.message == message) {
            return entry.json;
        }
        String json = plain.writeValueAsString(message);
        slots.set(slot, new Entry(message, json));
        return json;
    }

    private record Entry(Message message, String json) {
    }
}
