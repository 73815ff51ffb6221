package dev.confab.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a pushed {@code events} frame with Jackson's streaming parser, keeping only what the bench checks: each
 * event's seq, type and (for a message) body. Every delivery the generator measures arrives in such a frame, and a
 * {@code readTree} built a map per object and a node per field: ~45 % of the generator's allocation in the
 * 1,000-member fan-out (docs/benchmarks.md round 5), garbage whose collection takes CPU the server under test shares
 * on this machine. Replies still go through {@link Wire#parse}.
 */
final class EventsFrame {
    /** One event as the bench sees it; {@code body} is null unless it is a message event. */
    record Event(long seq, String type, String body) {
    }

    private EventsFrame() {
    }

    /** The frame's events, or null when the frame is not of type {@code events}. */
    static List<Event> read(String text) {
        try (JsonParser p = Wire.JSON.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("server sent a frame that is not a JSON object: " + Wire.clip(text));
            }
            String type = null;
            List<Event> events = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("type") && value == JsonToken.VALUE_STRING) {
                    type = p.getText();
                    if (!type.equals("events")) {
                        return null;
                    }
                } else if (name.equals("events") && value == JsonToken.START_ARRAY) {
                    events = events(p);
                } else {
                    p.skipChildren();
                }
            }
            return "events".equals(type) ? events : null;
        } catch (IOException e) {
            throw new IllegalStateException("server sent a frame that is not JSON: " + Wire.clip(text), e);
        }
    }

    private static List<Event> events(JsonParser p) throws IOException {
        List<Event> events = new ArrayList<>(1);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            long seq = -1;
            String type = null;
            String body = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("seq") && value == JsonToken.VALUE_NUMBER_INT) {
                    seq = p.getLongValue();
                } else if (name.equals("type") && value == JsonToken.VALUE_STRING) {
                    type = p.getText();
                } else if (name.equals("message") && value == JsonToken.START_OBJECT) {
                    body = body(p);
                } else {
                    p.skipChildren();
                }
            }
            events.add(new Event(seq, type, "message".equals(type) ? body : null));
        }
        return events;
    }

    /** The {@code body} of the message object the parser is at; leaves the parser at its end. */
    private static String body(JsonParser p) throws IOException {
        String body = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("body") && value == JsonToken.VALUE_STRING) {
                body = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return body;
    }
}
