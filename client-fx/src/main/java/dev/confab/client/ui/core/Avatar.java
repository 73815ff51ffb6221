package dev.confab.client.ui.core;

import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;

/** A round avatar with a person's or group's initials, coloured by name; an optional presence dot. */
public final class Avatar extends StackPane {
    private final Circle dot = new Circle();

    public Avatar(String name, double size) {
        Circle disc = new Circle(size / 2);
        disc.getStyleClass().addAll("avatar-disc", "avatar-" + Texts.colorSlot(name));
        Label letters = new Label(Texts.initials(name));
        letters.getStyleClass().add("avatar-text");
        letters.setStyle("-fx-font-size: " + Math.round(size * 0.38) + "px;");
        dot.setRadius(Math.max(4, size / 8));
        dot.getStyleClass().add("presence-dot");
        dot.setVisible(false);
        StackPane.setAlignment(dot, javafx.geometry.Pos.BOTTOM_RIGHT);
        getChildren().addAll(disc, letters, dot);
        setMinSize(size, size);
        setMaxSize(size, size);
        getStyleClass().add("avatar");
    }

    /** Shows the presence dot ({@code online}, {@code away}); hides it for anything else. */
    public void setPresence(String status) {
        dot.getStyleClass().removeAll("online", "away");
        boolean shown = "online".equals(status) || "away".equals(status);
        if (shown) {
            dot.getStyleClass().add(status);
        }
        dot.setVisible(shown);
    }
}
