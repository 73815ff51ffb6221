package dev.confab.client.ui.notify;

import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/**
 * Shows toasts in the desktop's notification area through {@link SystemTray}, where the platform supports
 * it; elsewhere (headless, most Wayland desktops) it does nothing. A shown system notification cannot be
 * withdrawn, so only toasts for a window without focus go there.
 */
public final class TrayNotifier implements Consumer<Toast>, AutoCloseable {
    private static final System.Logger log = System.getLogger(TrayNotifier.class.getName());
    private TrayIcon icon;

    /** A notifier, or a no-op when the platform has no system tray. */
    public static TrayNotifier create() {
        TrayNotifier notifier = new TrayNotifier();
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless() && SystemTray.isSupported()) {
                BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
                java.awt.Graphics2D g = image.createGraphics();
                g.setColor(new java.awt.Color(0x1c7ed6));
                g.fillOval(0, 0, 16, 16);
                g.dispose();
                notifier.icon = new TrayIcon(image, "Confab");
                notifier.icon.setImageAutoSize(true);
                SystemTray.getSystemTray().add(notifier.icon);
            }
        } catch (Exception | LinkageError e) {
            log.log(System.Logger.Level.INFO, "no system tray: " + e);
            notifier.icon = null;
        }
        return notifier;
    }

    public boolean available() {
        return icon != null;
    }

    @Override
    public void accept(Toast toast) {
        if (icon != null) {
            icon.displayMessage(toast.title(), toast.body(), TrayIcon.MessageType.NONE);
        }
    }

    @Override
    public void close() {
        if (icon != null) {
            SystemTray.getSystemTray().remove(icon);
            icon = null;
        }
    }
}
