package dev.confab.client.ui.core;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** Pure text helpers shared by view models: initials, times, day labels, presence. */
public final class Texts {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter FULL_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private Texts() {
    }

    /** One or two letters for an avatar: "Alice Smith" → "AS", "bob" → "B". */
    public static String initials(String name) {
        if (name == null || name.isBlank()) {
            return "?";
        }
        String[] words = name.trim().split("[\\s._-]+");
        StringBuilder sb = new StringBuilder();
        for (String word : words) {
            if (!word.isEmpty() && sb.length() < 2) {
                sb.appendCodePoint(Character.toUpperCase(word.codePointAt(0)));
            }
        }
        return sb.isEmpty() ? "?" : sb.toString();
    }

    /** A stable colour slot 0-7 for a name, so a person keeps their avatar colour everywhere. */
    public static int colorSlot(String name) {
        return name == null ? 0 : Math.floorMod(name.hashCode(), 8);
    }

    /** Time of day for today, weekday within the week, else day and month: like every chat app's list. */
    public static String listTime(long epochMs, Instant now, ZoneId zone) {
        ZonedDateTime at = Instant.ofEpochMilli(epochMs).atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate day = at.toLocalDate();
        if (day.equals(today)) {
            return TIME.format(at);
        }
        if (day.isAfter(today.minusDays(7))) {
            return at.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        }
        return DAY_MONTH.format(at);
    }

    public static String clock(long epochMs, ZoneId zone) {
        return TIME.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /** "Today", "Yesterday", or the full date: the label of a day separator. */
    public static String dayLabel(LocalDate day, LocalDate today) {
        if (day.equals(today)) {
            return "Today";
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday";
        }
        return FULL_DATE.format(day);
    }

    /** "online", "away", "last seen 5 min ago", "last seen yesterday at 14:02", or "offline". */
    public static String presence(String status, long lastSeen, Instant now, ZoneId zone) {
        if ("online".equals(status) || "away".equals(status)) {
            return status;
        }
        if (lastSeen <= 0) {
            return "offline";
        }
        Duration ago = Duration.between(Instant.ofEpochMilli(lastSeen), now);
        if (ago.toMinutes() < 1) {
            return "last seen just now";
        }
        if (ago.toMinutes() < 60) {
            return "last seen " + ago.toMinutes() + " min ago";
        }
        LocalDate day = Instant.ofEpochMilli(lastSeen).atZone(zone).toLocalDate();
        LocalDate today = now.atZone(zone).toLocalDate();
        String at = clock(lastSeen, zone);
        if (day.equals(today)) {
            return "last seen today at " + at;
        }
        if (day.equals(today.minusDays(1))) {
            return "last seen yesterday at " + at;
        }
        return "last seen " + DAY_MONTH.format(day) + " at " + at;
    }

    /** The first line of a message, shortened for a conversation list preview. */
    public static String preview(String body, int maxChars) {
        if (body == null) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= maxChars ? line : line.substring(0, maxChars - 1) + "…";
    }
}
