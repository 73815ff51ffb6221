package dev.confab.client.ui.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TextsTest {
    private final Instant now = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void initialsTakeTwoWords() {
        assertThat(Texts.initials("Alice Smith")).isEqualTo("AS");
        assertThat(Texts.initials("bob")).isEqualTo("B");
        assertThat(Texts.initials("carol.jones")).isEqualTo("CJ");
        assertThat(Texts.initials(" ")).isEqualTo("?");
    }

    @Test
    void presenceSaysLastSeenInWords() {
        assertThat(Texts.presence("online", 0, now, ZoneOffset.UTC)).isEqualTo("online");
        assertThat(Texts.presence("offline", now.minusSeconds(300).toEpochMilli(), now, ZoneOffset.UTC))
                .isEqualTo("last seen 5 min ago");
        assertThat(Texts.presence("offline", now.minusSeconds(7200).toEpochMilli(), now, ZoneOffset.UTC))
                .isEqualTo("last seen today at 10:00");
        assertThat(Texts.presence("offline", now.minusSeconds(86400).toEpochMilli(), now, ZoneOffset.UTC))
                .isEqualTo("last seen yesterday at 12:00");
        assertThat(Texts.presence("offline", 0, now, ZoneOffset.UTC)).isEqualTo("offline");
    }

    @Test
    void dayLabels() {
        LocalDate today = LocalDate.of(2026, 3, 10);
        assertThat(Texts.dayLabel(today, today)).isEqualTo("Today");
        assertThat(Texts.dayLabel(today.minusDays(1), today)).isEqualTo("Yesterday");
        assertThat(Texts.dayLabel(LocalDate.of(2025, 12, 24), today)).isEqualTo("24 December 2025");
    }

    @Test
    void previewIsOneShortLine() {
        assertThat(Texts.preview("a\n\nb   c", 80)).isEqualTo("a b c");
        assertThat(Texts.preview("x".repeat(100), 10)).isEqualTo("xxxxxxxxx…");
    }
}
