package dev.confab.client.ui.shell;

import dev.confab.client.net.ConnectionState;
import dev.confab.client.net.TransportKind;
import java.time.Clock;
import java.time.Duration;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The connection banner: always says which state the engine is in, counts down to the next attempt, and
 * tells how many messages wait in the outbox. Call {@link #tick()} once a second while reconnecting.
 */
public final class BannerViewModel {
    /** How the banner looks: calm when connected, a warning while degraded, an error when nothing works. */
    public enum Level { OK, DEGRADED, DOWN }

    /** After this many failed attempts the banner stops saying "reconnecting" and says "offline". */
    static final int OFFLINE_AFTER_FAILURES = 3;

    private final Clock clock;
    private final Runnable retryNow;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyObjectWrapper<Level> level = new ReadOnlyObjectWrapper<>(this, "level", Level.DOWN);
    private final ReadOnlyBooleanWrapper retryVisible = new ReadOnlyBooleanWrapper(this, "retryVisible");
    private final ReadOnlyBooleanWrapper signInVisible = new ReadOnlyBooleanWrapper(this, "signInVisible");
    private ConnectionState state = new ConnectionState.Stopped();
    private int queued;

    public BannerViewModel(Clock clock, Runnable retryNow) {
        this.clock = clock;
        this.retryNow = retryNow;
        render();
    }

    public void setState(ConnectionState state) {
        this.state = state;
        render();
    }

    /** Messages waiting in the outbox; shown while not connected. */
    public void setQueued(int queued) {
        this.queued = queued;
        render();
    }

    /** "Retry now": reconnect without waiting out the backoff. */
    public void retry() {
        retryNow.run();
    }

    public void tick() {
        if (state instanceof ConnectionState.WaitingToReconnect) {
            render();
        }
    }

    private void render() {
        String waiting = queued == 0 ? "" : " · " + queued + (queued == 1 ? " message" : " messages") + " waiting to send";
        retryVisible.set(state instanceof ConnectionState.WaitingToReconnect);
        signInVisible.set(state instanceof ConnectionState.SignedOut);
        if (state instanceof ConnectionState.Online online) {
            boolean ws = online.transport() == TransportKind.WEBSOCKET;
            level.set(ws ? Level.OK : Level.DEGRADED);
            text.set(ws ? "Connected" : "Connected via fallback (long-poll)");
        } else if (state instanceof ConnectionState.Connecting connecting) {
            level.set(Level.DEGRADED);
            text.set((connecting.attempt() <= 1 ? "Connecting…" : "Reconnecting…") + waiting);
        } else if (state instanceof ConnectionState.WaitingToReconnect waiting1) {
            long seconds = Math.max(0, (Duration.between(clock.instant(), waiting1.nextAttemptAt()).toMillis() + 999) / 1000);
            boolean offline = waiting1.failedAttempts() >= OFFLINE_AFTER_FAILURES;
            level.set(offline ? Level.DOWN : Level.DEGRADED);
            text.set((offline ? "Offline · retrying in " : "Reconnecting in ") + seconds + " s" + waiting);
        } else if (state instanceof ConnectionState.SignedOut signedOut) {
            level.set(Level.DOWN);
            text.set("Signed out" + (signedOut.reason() == null || signedOut.reason().isBlank() ? ""
                    : ": " + signedOut.reason()));
        } else {
            level.set(Level.DOWN);
            text.set("Offline" + waiting);
        }
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Level> levelProperty() {
        return level.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty retryVisibleProperty() {
        return retryVisible.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty signInVisibleProperty() {
        return signInVisible.getReadOnlyProperty();
    }
}
