package dev.confab.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LimitsTest {
    @ParameterizedTest
    @ValueSource(strings = {"abc", "alice", "bob.smith", "x_1-2", "0day", "a23456789012345678901234567890bc"})
    void validUsernamesPass(String username) {
        assertThat(Limits.username("username", username)).isEqualTo(username);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "Alice", "has space", ".dot", "-dash", "a234567890123456789012345678901bc",
            "émile", "bob\u0000"})
    void invalidUsernamesAreRefused(String username) {
        assertThatThrownBy(() -> Limits.username("username", username)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void bodyLimitCountsUtf8Bytes() {
        String fits = "é".repeat(Limits.MAX_BODY_BYTES / 2);
        String tooBig = fits + "é";

        assertThat(Limits.body(fits)).isEqualTo(fits);
        assertThatThrownBy(() -> Limits.body(tooBig)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void surrogatePairsAreFineButLoneSurrogatesAreNot() {
        assertThat(Limits.body("emoji 👋 ok")).isNotNull();
        assertThatThrownBy(() -> Limits.body("lone \ud800 surrogate")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> Limits.body("reversed \udc00\ud800")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void pageSizesHaveDefaultsAndBounds() {
        assertThat(new Request.History("h", 1, null, null).limit()).isEqualTo(Limits.DEFAULT_HISTORY_PAGE);
        assertThatThrownBy(() -> new Request.History("h", 1, null, 0)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> new Request.History("h", 1, null, Limits.MAX_HISTORY_PAGE + 1))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> new Request.Sync("s", 0, Limits.MAX_EVENTS_PAGE + 1))
                .isInstanceOf(ProtocolException.class);
    }
}
