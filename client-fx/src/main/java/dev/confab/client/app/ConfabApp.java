package dev.confab.client.app;

import dev.confab.client.ui.notify.TrayNotifier;
import dev.confab.client.ui.setup.ServerFinder;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: one window whose content {@link AppShell} switches. Started by {@link Launcher}. */
public final class ConfabApp extends Application {
    private AppShell shell;
    private TrayNotifier tray;

    @Override
    public void start(Stage stage) {
        // The LAN finder (mDNS) plugs in here when it exists; until then nothing is found.
        shell = new AppShell(stage, DataDirs.standard(), LanServerFinder.onLan(javafx.application.Platform::runLater),
                Clock.systemDefaultZone());
        shell.start();
        if (Boolean.getBoolean("confab.timing")) {
            Platform.runLater(() -> System.err.println("confab: window usable "
                    + (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime())
                    + " ms after JVM start"));
        }
        Thread trayInit = new Thread(() -> {
            TrayNotifier notifier = TrayNotifier.create();
            Platform.runLater(() -> {
                tray = notifier;
                if (shell != null) {
                    shell.setTray(notifier);
                }
            });
        }, "confab-tray-init");
        trayInit.setDaemon(true);
        trayInit.start();
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.close();
            shell = null;
        }
        if (tray != null) {
            tray.close();
        }
    }
}
