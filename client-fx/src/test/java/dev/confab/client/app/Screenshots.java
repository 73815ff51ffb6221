package dev.confab.client.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** PNG snapshots of scenes (scene.snapshot, so it works headless): for docs and for failed UI tests. */
final class Screenshots {
    private Screenshots() {
    }

    static void save(Scene scene, Path file) {
        try {
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
            int w = (int) image.getWidth();
            int h = (int) image.getHeight();
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            PixelReader reader = image.getPixelReader();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out.setRGB(x, y, reader.getArgb(x, y));
                }
            }
            Files.createDirectories(file.getParent());
            ImageIO.write(out, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("snapshot failed", e);
        }
    }

    static void saveAllWindows(Path dir) {
        try {
            List<Window> windows = WaitForAsyncUtils.asyncFx(() -> List.copyOf(Window.getWindows())).get(5, TimeUnit.SECONDS);
            int i = 0;
            for (Window w : windows) {
                if (w.isShowing() && w.getScene() != null) {
                    save(w.getScene(), dir.resolve("window-" + (i++) + ".png"));
                }
            }
        } catch (Exception e) {
            System.err.println("could not save failure screenshots: " + e);
        }
    }
}
