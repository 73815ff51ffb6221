package dev.confab.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records state transitions; tests take them in order and end with {@link #assertExhausted}. */
final class RecordingStateListener implements StateListener {
    private final BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();

    @Override
    public void onStateChanged(ConnectionState previous, ConnectionState current) {
        states.add(current);
    }

    /** The next state reached, waiting up to 5 s. */
    ConnectionState next() throws InterruptedException {
        ConnectionState state = states.poll(5, TimeUnit.SECONDS);
        assertThat(state).as("a state change within 5 s").isNotNull();
        return state;
    }

    <T extends ConnectionState> T next(Class<T> type) throws InterruptedException {
        return type.cast(assertThat(next()).isInstanceOf(type).actual());
    }

    void assertExhausted(Duration quiet) throws InterruptedException {
        assertThat(states.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)).as("no further state change").isNull();
    }
}
