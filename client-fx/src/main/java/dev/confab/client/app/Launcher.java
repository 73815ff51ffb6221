package dev.confab.client.app;

import javafx.application.Application;

/**
 * The desktop app's main class. It must not extend {@code Application}: with JavaFX on the class path (the
 * shaded jar) the runtime refuses such a main class.
 * <pre>
 *   confab-desktop              open the app
 *   confab-desktop --version    print the version and exit
 *   confab-desktop --self-check check the installation without opening a window, exit 0 if sound
 * </pre>
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            switch (arg) {
                case "--version" -> {
                    System.out.println("Confab desktop " + HostInfo.version());
                    return;
                }
                case "--self-check" -> System.exit(SelfCheck.run(System.out));
                case "--help", "-h" -> {
                    System.out.println("Usage: confab-desktop [--version] [--self-check]");
                    return;
                }
                default -> {
                    // JavaFX's own arguments pass through
                }
            }
        }
        Application.launch(ConfabApp.class, args);
    }
}
