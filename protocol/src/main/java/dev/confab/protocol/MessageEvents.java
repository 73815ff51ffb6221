package dev.confab.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes an {@code events} frame that carries only messages, byte for byte as Jackson would, from each message's
 * cached encoding. In a group fan-out every member's frame is the same message under that member's own seq; going
 * through Jackson built a generator, its contexts and a serializer provider per frame around the one cached body
 * (29 % of the server's allocation in a 1,000-member fan-out; docs/benchmarks.md rounds 4 and 5). Here a frame costs the
 * bytes it is made of. {@code JacksonCodecTest} holds both paths to the same output.
 */
final class MessageEvents {
    private static final byte[] FRAME_OPEN = ascii("{\"type\":\"events\",\"events\":[");
    private static final byte[] EVENT_OPEN = ascii("{\"type\":\"message\",\"seq\":");
    private static final byte[] MESSAGE_FIELD = ascii(",\"message\":");
    private static final byte[] FRAME_CLOSE = ascii("]}");

    private MessageEvents() {
    }

    /** True when every event of the frame is a message (and there is at least one). */
    static boolean all(ServerFrame.Events frame) {
        if (frame.events().isEmpty()) {
            return false;
        }
        for (Event e : frame.events()) {
            if (!(e instanceof Event.MessageEvent m) || m.message() == null) {
                return false;
            }
        }
        return true;
    }

    static void write(ServerFrame.Events frame, MessageSerializer messages, OutputStream out) throws IOException {
        out.write(FRAME_OPEN);
        byte[] digits = new byte[20];
        boolean first = true;
        for (Event e : frame.events()) {
            Event.MessageEvent event = (Event.MessageEvent) e;
            if (!first) {
                out.write(',');
            }
            first = false;
            out.write(EVENT_OPEN);
            int from = digits(event.seq(), digits);
            out.write(digits, from, digits.length - from);
            out.write(MESSAGE_FIELD);
            out.write(messages.utf8(event.message()));
            out.write('}');
        }
        out.write(FRAME_CLOSE);
    }

    /** The number of bytes {@link #write} writes for this frame. */
    static int length(ServerFrame.Events frame, MessageSerializer messages) throws IOException {
        byte[] digits = new byte[20];
        int n = FRAME_OPEN.length + FRAME_CLOSE.length + frame.events().size() - 1; // the commas
        for (Event e : frame.events()) {
            Event.MessageEvent event = (Event.MessageEvent) e;
            n += EVENT_OPEN.length + digits.length - digits(event.seq(), digits) + MESSAGE_FIELD.length
                    + messages.utf8(event.message()).length + 1;
        }
        return n;
    }

    /** Writes {@code n} in decimal at the end of {@code into}; returns where it starts. */
    static int digits(long n, byte[] into) {
        if (n < 0) { // never a valid seq, but write what Jackson would
            byte[] text = ascii(Long.toString(n));
            System.arraycopy(text, 0, into, into.length - text.length, text.length);
            return into.length - text.length;
        }
        int at = into.length;
        do {
            into[--at] = (byte) ('0' + n % 10);
            n /= 10;
        } while (n != 0);
        return at;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
