package dev.confab.client.ui.chat;

import dev.confab.client.ui.core.Delivery;
import dev.confab.client.ui.core.Texts;
import dev.confab.protocol.Message;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The messages of one open conversation and how they become rows: stored messages by seq, then the ones
 * still waiting (in the outbox, or refused), with a day separator wherever the day changes. Not thread safe.
 */
final class ChatTimeline {
    /** A message the server has not stored yet. */
    record Pending(String clientMsgId, String body, long queuedAt, boolean failed) {
    }

    private final TreeMap<Long, Message> stored = new TreeMap<>();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<Long, Delivery> deliveries = new TreeMap<>();

    void clear() {
        stored.clear();
        pending.clear();
        deliveries.clear();
    }

    void store(Message m) {
        stored.put(m.seq(), m);
        if (m.clientMsgId() != null) {
            pending.remove(m.clientMsgId());
        }
    }

    void addPending(Pending p) {
        pending.put(p.clientMsgId(), p);
    }

    boolean fail(String clientMsgId) {
        Pending p = pending.get(clientMsgId);
        if (p == null) {
            return false;
        }
        pending.put(clientMsgId, new Pending(p.clientMsgId(), p.body(), p.queuedAt(), true));
        return true;
    }

    Pending removePending(String clientMsgId) {
        return pending.remove(clientMsgId);
    }

    boolean hasPending(String clientMsgId) {
        return pending.containsKey(clientMsgId);
    }

    void setDelivery(long seq, Delivery d) {
        deliveries.put(seq, d);
    }

    long firstSeq() {
        return stored.isEmpty() ? 0 : stored.firstKey();
    }

    long lastSeq() {
        return stored.isEmpty() ? 0 : stored.lastKey();
    }

    /** The newest stored message from someone other than {@code me}, seq or 0. */
    long lastSeqFromOthers(String me) {
        return stored.descendingMap().values().stream().filter(m -> !m.from().equals(me)).mapToLong(Message::seq)
                .findFirst().orElse(0);
    }

    List<Message> ownStored(String me) {
        return stored.values().stream().filter(m -> m.from().equals(me)).toList();
    }

    int size() {
        return stored.size() + pending.size();
    }

    /** The rows to show, oldest first. */
    List<ChatRow> rows(String me, boolean group, Function<String, String> names, ZoneId zone, Instant now) {
        List<ChatRow> rows = new ArrayList<>();
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate[] day = {null};
        String[] previousSender = {null};
        for (Message m : stored.values()) {
            dayBreak(rows, day, previousSender, m.sentAt(), zone, today);
            boolean own = m.from().equals(me);
            boolean showSender = group && !own && !m.from().equals(previousSender[0]);
            rows.add(new ChatRow.Msg(m.seq(), m.clientMsgId(), m.from(), names.apply(m.from()), m.body(),
                    Texts.clock(m.sentAt(), zone), own, showSender,
                    own ? deliveries.getOrDefault(m.seq(), Delivery.SENT) : null));
            previousSender[0] = m.from();
        }
        for (Pending p : pending.values()) {
            dayBreak(rows, day, previousSender, p.queuedAt(), zone, today);
            rows.add(new ChatRow.Msg(0, p.clientMsgId(), me, names.apply(me), p.body(), Texts.clock(p.queuedAt(), zone),
                    true, false, p.failed() ? Delivery.FAILED : Delivery.SENDING));
            previousSender[0] = me;
        }
        return rows;
    }

    private static void dayBreak(List<ChatRow> rows, LocalDate[] day, String[] previousSender, long at, ZoneId zone,
                                 LocalDate today) {
        LocalDate d = Instant.ofEpochMilli(at).atZone(zone).toLocalDate();
        if (!d.equals(day[0])) {
            rows.add(new ChatRow.Day(Texts.dayLabel(d, today)));
            day[0] = d;
            previousSender[0] = null;
        }
    }
}
