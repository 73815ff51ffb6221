package dev.confab.client.app;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the desktop app keeps its files: {@code $XDG_DATA_HOME/confab/desktop}, else
 * {@code ~/.local/share/confab/desktop}; the system property {@code confab.desktop.dir} overrides it (tests).
 */
record DataDirs(Path root) {

    static DataDirs standard() {
        String override = System.getProperty("confab.desktop.dir");
        if (override != null && !override.isBlank()) {
            return new DataDirs(Path.of(override));
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return new DataDirs(base.resolve("confab").resolve("desktop"));
    }

    Path prefsFile() {
        return root.resolve("desktop.properties");
    }

    /** The local store of one server: chats and outbox of different servers never mix. */
    Path store(URI server) {
        String name = (server.getHost() + "_" + server.getPort()).replaceAll("[^A-Za-z0-9._-]", "_");
        return root.resolve("servers").resolve(name);
    }

    /** The local store for the server this app hosts, whatever port it had to take. */
    Path hostedStore() {
        return root.resolve("servers").resolve("hosted");
    }

    /** The data of the server this app hosts. */
    Path hostedServer() {
        return root.resolve("hosted-server");
    }
}
