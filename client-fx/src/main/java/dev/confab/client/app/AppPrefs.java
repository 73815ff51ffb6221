package dev.confab.client.app;

import dev.confab.client.ui.core.Theme;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The app's own preferences in a small properties file: chosen server (and whether this app hosts it), theme,
 * notifications. Session tokens are not here: the engine's local store keeps them. Not thread safe (FX thread).
 */
final class AppPrefs {
    private static final System.Logger log = System.getLogger(AppPrefs.class.getName());
    private final Path file;
    private final Properties values = new Properties();

    private AppPrefs(Path file) {
        this.file = file;
    }

    static AppPrefs load(Path file) {
        AppPrefs prefs = new AppPrefs(file);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                prefs.values.load(in);
            } catch (IOException e) {
                log.log(System.Logger.Level.WARNING, "ignoring unreadable preferences " + file + ": " + e);
            }
        }
        return prefs;
    }

    Optional<URI> server() {
        return Optional.ofNullable(values.getProperty("server")).map(URI::create);
    }

    boolean hosted() {
        return Boolean.parseBoolean(values.getProperty("hosted", "false"));
    }

    boolean hostedLan() {
        return Boolean.parseBoolean(values.getProperty("hosted.lan", "true"));
    }

    int hostedPort() {
        return Integer.parseInt(values.getProperty("hosted.port", "0"));
    }

    void setServer(URI server, boolean hosted, boolean lan, int port) {
        values.setProperty("server", server.toString());
        values.setProperty("hosted", Boolean.toString(hosted));
        values.setProperty("hosted.lan", Boolean.toString(lan));
        values.setProperty("hosted.port", Integer.toString(port));
        save();
    }

    void forgetServer() {
        values.remove("server");
        values.remove("hosted");
        save();
    }

    Theme theme() {
        return Theme.parse(values.getProperty("theme", "light"));
    }

    void setTheme(Theme theme) {
        values.setProperty("theme", theme.key());
        save();
    }

    boolean notifications() {
        return Boolean.parseBoolean(values.getProperty("notifications", "true"));
    }

    void setNotifications(boolean on) {
        values.setProperty("notifications", Boolean.toString(on));
        save();
    }

    /** Writes a temporary file and moves it into place, so a crash never leaves half a file. */
    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                values.store(out, "Confab desktop preferences");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, "cannot save preferences to " + file + ": " + e);
        }
    }
}
