package dev.confab.server.chat;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.confab.protocol.ProtocolException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(clock, Duration.ofMinutes(1), 5, 30);

    @Test
    void fiveFailuresBlockTheAccountUntilTheWindowMovesOn() {
        for (int i = 0; i < 5; i++) {
            throttle.check("alice", "10.0.0.1");
            throttle.failed("alice", "10.0.0.1");
        }

        assertThatThrownBy(() -> throttle.check("alice", "10.0.0.2")).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("try again in 60 s");
        assertThatCode(() -> throttle.check("bob", "10.0.0.2")).doesNotThrowAnyException();
        now.addAndGet(Duration.ofSeconds(61).toMillis());
        assertThatCode(() -> throttle.check("alice", "10.0.0.1")).as("not locked out for good")
                .doesNotThrowAnyException();
    }

    @Test
    void oneAddressGuessingManyAccountsIsBlockedToo() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("user" + i, "10.0.0.9");
        }

        assertThatThrownBy(() -> throttle.check("fresh", "10.0.0.9")).isInstanceOf(ProtocolException.class);
        assertThatCode(() -> throttle.check("fresh", "10.0.0.10")).doesNotThrowAnyException();
    }

    @Test
    void successClearsTheAccountsFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", null);
        }
        throttle.succeeded("alice");
        throttle.failed("alice", null);

        assertThatCode(() -> throttle.check("alice", null)).doesNotThrowAnyException();
    }
}
