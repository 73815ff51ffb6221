package dev.confab.client.ui;

import dev.confab.protocol.Event;
import dev.confab.protocol.Info;
import dev.confab.protocol.Message;
import java.time.Instant;
import java.util.List;

/** Small builders for protocol records in view-model tests. */
public final class Fixtures {
    /** 2026-03-10 12:00 UTC: the fixed "now" of these tests. */
    public static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private Fixtures() {
    }

    public static Info.Conversation direct(long id, String me, String peer, long unread, Message last) {
        return new Info.Conversation(id, "direct", null, peer, false,
                List.of(new Info.Member(me, cap(me), "member"), new Info.Member(peer, cap(peer), "member")),
                last == null ? 0 : last.seq(), 0, unread, last);
    }

    public static Info.Conversation group(long id, String name, long unread, Message last, String... members) {
        return new Info.Conversation(id, "group", name, null, true,
                java.util.Arrays.stream(members).map(m -> new Info.Member(m, cap(m), "member")).toList(),
                last == null ? 0 : last.seq(), 0, unread, last);
    }

    public static Message msg(long conversationId, long seq, String from, String to, String body, Instant at) {
        return new Message(conversationId, seq, from, to, "c" + conversationId + "-" + seq, body, at.toEpochMilli());
    }

    public static Event.MessageEvent event(long eventSeq, Message m) {
        return new Event.MessageEvent(eventSeq, m);
    }

    static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
