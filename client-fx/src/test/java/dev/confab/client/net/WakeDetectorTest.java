package dev.confab.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WakeDetectorTest {
    private final MutableClock wall = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final AtomicLong monoNanos = new AtomicLong(1_000_000_000L);
    private final WakeDetector detector = new WakeDetector(wall, monoNanos::get, Duration.ofSeconds(10));

    private void bothAdvance(Duration d) {
        wall.advance(d);
        monoNanos.addAndGet(d.toNanos());
    }

    @Test
    void clocksRunningTogetherAreNoWakeUp() {
        assertThat(detector.tick()).isFalse();
        bothAdvance(Duration.ofSeconds(5));
        assertThat(detector.tick()).isFalse();
        bothAdvance(Duration.ofMinutes(5)); // a long GC pause or a busy machine moves both clocks
        assertThat(detector.tick()).isFalse();
    }

    @Test
    void wallClockJumpingAheadOfMonotonicTimeIsAWakeUp() {
        detector.tick();
        monoNanos.addAndGet(Duration.ofSeconds(5).toNanos());
        wall.advance(Duration.ofMinutes(42).plusSeconds(5)); // suspended for 42 minutes

        assertThat(detector.tick()).isTrue();
        bothAdvance(Duration.ofSeconds(5));
        assertThat(detector.tick()).as("reported once").isFalse();
    }

    @Test
    void smallDriftBelowTheThresholdIsIgnored() {
        detector.tick();
        monoNanos.addAndGet(Duration.ofSeconds(5).toNanos());
        wall.advance(Duration.ofSeconds(14));

        assertThat(detector.tick()).isFalse();
    }

    @Test
    void wallClockSetBackIsNoWakeUp() {
        detector.tick();
        monoNanos.addAndGet(Duration.ofSeconds(5).toNanos());
        wall.advance(Duration.ofMinutes(-30));

        assertThat(detector.tick()).isFalse();
    }
}
