package dev.confab.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    /** A "random" source that always returns the same fraction. */
    private static Random fixed(double value) {
        return new Random() {
            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void delaysDoubleFromInitialUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), fixed(0.999999));

        assertThat(java.util.stream.IntStream.range(0, 8).mapToLong(i -> backoff.next().toMillis()).toArray())
                .containsExactly(999L, 1999L, 3999L, 7999L, 15999L, 29999L, 29999L, 29999L);
    }

    @Test
    void jitterKeepsEachDelayBetweenHalfAndAllOfItsCeiling() {
        Backoff low = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), fixed(0.0));
        Backoff mid = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), fixed(0.5));

        assertThat(low.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(low.next()).isEqualTo(Duration.ofMillis(1000));
        assertThat(mid.next()).isEqualTo(Duration.ofMillis(750));
        assertThat(mid.next()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void realJitterStaysWithinBoundsForManyFailures() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(7));
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.next()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(30));
        }
        assertThat(backoff.failures()).isEqualTo(100);
    }

    @Test
    void resetStartsOverFromTheInitialDelay() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), fixed(0.0));
        backoff.next();
        backoff.next();
        backoff.next();

        backoff.reset();

        assertThat(backoff.failures()).isZero();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void rejectsACapBelowTheInitialDelay() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
