package dev.confab.client.ui.core;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Icon buttons: flat, with a tooltip that also names the button for tests and screen readers. */
public final class Icons {
    private Icons() {
    }

    public static FontIcon icon(Ikon ikon, int size) {
        FontIcon icon = new FontIcon(ikon);
        icon.setIconSize(size);
        return icon;
    }

    public static Button button(Ikon ikon, String tooltip, Runnable action) {
        Button button = new Button(null, icon(ikon, 18));
        button.getStyleClass().addAll("button-icon", "flat");
        button.setTooltip(new Tooltip(tooltip));
        button.setAccessibleText(tooltip);
        button.setFocusTraversable(false);
        button.setOnAction(e -> action.run());
        return button;
    }
}
