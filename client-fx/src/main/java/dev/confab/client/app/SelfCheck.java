package dev.confab.client.app;

import dev.confab.client.store.LocalStore;
import dev.confab.client.ui.core.Theme;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --self-check}: proves an installation can run without opening a window (the installer's CI runs
 * it on a machine without a display): JavaFX classes and native-independent parts load, theme and icons are
 * packaged, the local store opens, the embedded server is present, the data directory is writable.
 */
final class SelfCheck {
    private SelfCheck() {
    }

    static int run(PrintStream out) {
        List<String> failures = new ArrayList<>();
        check(out, failures, "version " + HostInfo.version(), () -> { });
        check(out, failures, "JavaFX runtime classes", () -> {
            Class.forName("javafx.application.Platform");
            Class.forName("javafx.scene.control.ListView", false, SelfCheck.class.getClassLoader());
            String v = System.getProperty("javafx.runtime.version");
            Class.forName("com.sun.javafx.runtime.VersionInfo");
            if (v != null && v.isBlank()) {
                throw new IllegalStateException("no JavaFX version");
            }
        });
        check(out, failures, "theme stylesheets", () -> {
            require(Theme.class.getResource("/dev/confab/client/ui/confab.css") != null, "confab.css missing");
            require(Theme.class.getResource("/atlantafx/base/theme/primer-light.css") != null, "AtlantaFX missing");
        });
        check(out, failures, "icon font", () -> {
            Class.forName("org.kordamp.ikonli.feather.FeatherIkonHandler");
            require(java.util.ServiceLoader.load(org.kordamp.ikonli.IkonHandler.class).findFirst().isPresent(),
                    "no Ikonli handler registered");
        });
        check(out, failures, "embedded server", () -> require(EmbeddedServer.available(), "server classes missing"));
        check(out, failures, "local store (H2)", () -> {
            Path dir = Files.createTempDirectory("confab-self-check");
            try (LocalStore store = LocalStore.open(dir)) {
                require(store.cursor() == 0, "fresh store has a cursor");
            }
        });
        check(out, failures, "data directory " + DataDirs.standard().root(), () -> {
            Path root = DataDirs.standard().root();
            Files.createDirectories(root);
            require(Files.isWritable(root), "not writable");
        });
        if (System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null
                || "Monocle".equals(System.getProperty("glass.platform"))) {
            check(out, failures, "JavaFX toolkit and a scene (no window shown)", SelfCheck::toolkit);
        } else {
            out.println("skip JavaFX toolkit start: no display");
        }
        out.println(failures.isEmpty() ? "self-check: ok" : "self-check: FAILED " + failures);
        return failures.isEmpty() ? 0 : 1;
    }

    private static void toolkit() throws Exception {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        javafx.application.Platform.startup(() -> {
            try {
                Theme.LIGHT.apply();
                javafx.scene.Scene scene = new javafx.scene.Scene(new javafx.scene.control.Label("Confab"), 200, 100);
                scene.getStylesheets().add(Theme.STYLESHEET);
                scene.snapshot(null);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(20, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            javafx.application.Platform.exit();
        }
    }

    private interface Check {
        void run() throws Exception;
    }

    private static void check(PrintStream out, List<String> failures, String name, Check check) {
        try {
            check.run();
            out.println("ok   " + name);
        } catch (Exception | LinkageError e) {
            failures.add(name);
            out.println("FAIL " + name + ": " + e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
