package dev.confab.client.app;

import java.time.Clock;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

/**
 * Sets the user away after {@link #IDLE} without mouse or keyboard input in the window, and back online at the
 * next input. FX thread only.
 */
final class IdleWatcher {
    static final java.time.Duration IDLE = java.time.Duration.ofMinutes(5);

    private final Clock clock;
    private final Consumer<Boolean> setAway;
    private long lastInput;
    private boolean away;

    IdleWatcher(Clock clock, Consumer<Boolean> setAway) {
        this.clock = clock;
        this.setAway = setAway;
        this.lastInput = clock.millis();
    }

    static IdleWatcher watch(Scene scene, Clock clock, Consumer<Boolean> setAway) {
        IdleWatcher watcher = new IdleWatcher(clock, setAway);
        scene.addEventFilter(MouseEvent.MOUSE_MOVED, e -> watcher.activity());
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> watcher.activity());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> watcher.activity());
        Timeline tick = new Timeline(new KeyFrame(Duration.seconds(30), e -> watcher.check()));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
        return watcher;
    }

    void activity() {
        lastInput = clock.millis();
        if (away) {
            away = false;
            setAway.accept(false);
        }
    }

    void check() {
        if (!away && clock.millis() - lastInput >= IDLE.toMillis()) {
            away = true;
            setAway.accept(true);
        }
    }
}
