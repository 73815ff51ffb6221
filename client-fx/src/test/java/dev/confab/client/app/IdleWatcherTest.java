package dev.confab.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.client.support.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleWatcherTest {
    @Test
    void goesAwayAfterFiveIdleMinutesAndBackAtTheNextInput() {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-26T00:00:00Z"));
        List<Boolean> calls = new ArrayList<>();
        IdleWatcher watcher = new IdleWatcher(clock, calls::add);

        clock.advance(Duration.ofMinutes(4));
        watcher.check();
        clock.advance(Duration.ofMinutes(1));
        watcher.check();
        watcher.check();
        watcher.activity();
        watcher.activity();

        assertThat(calls).containsExactly(true, false);
    }
}
