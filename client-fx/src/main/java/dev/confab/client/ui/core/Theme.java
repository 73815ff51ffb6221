package dev.confab.client.ui.core;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** The two looks of the app: AtlantaFX Primer light or dark, plus Confab's own stylesheet on every scene. */
public enum Theme {
    LIGHT,
    DARK;

    public static final String STYLESHEET = Theme.class.getResource("/dev/confab/client/ui/confab.css").toExternalForm();

    public void apply() {
        Application.setUserAgentStylesheet(this == DARK
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public static Theme parse(String value) {
        return "dark".equalsIgnoreCase(value) ? DARK : LIGHT;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
