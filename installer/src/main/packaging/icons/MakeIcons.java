import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the Confab icon (two overlapping speech bubbles on a blue rounded square) and writes it as
 * linux/confab.png (256 px), windows/confab.ico and macos/confab.icns (both embedding the PNG).
 * Run from installer/src/main/packaging: java -Djava.awt.headless=true icons/MakeIcons.java
 */
public class MakeIcons {
    public static void main(String[] args) throws IOException {
        int s = 256;
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setPaint(new GradientPaint(0, 0, new Color(0x3B82F6), s, s, new Color(0x1E3A8A)));
        g.fill(new RoundRectangle2D.Double(8, 8, s - 16, s - 16, 56, 56));
        bubble(g, 40, 58, 130, 96, new Color(255, 255, 255, 235), false);
        bubble(g, 92, 112, 124, 88, new Color(0x93C5FD), true);
        g.setColor(new Color(0x1E3A8A));
        for (int i = 0; i < 3; i++) {
            g.fill(new Ellipse2D.Double(124 + i * 24, 148, 14, 14));
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        byte[] bytes = png.toByteArray();
        Files.write(Path.of("linux/confab.png"), bytes);
        Files.write(Path.of("windows/confab.ico"), ico(bytes));
        Files.write(Path.of("macos/confab.icns"), icns(bytes));
    }

    private static void bubble(Graphics2D g, double x, double y, double w, double h, Color fill, boolean tailRight) {
        Path2D tail = new Path2D.Double();
        double tx = tailRight ? x + w - 34 : x + 26;
        tail.moveTo(tx, y + h - 6);
        tail.lineTo(tailRight ? tx + 22 : tx - 14, y + h + 26);
        tail.lineTo(tailRight ? tx - 14 : tx + 26, y + h - 6);
        tail.closePath();
        g.setColor(fill);
        g.fill(new RoundRectangle2D.Double(x, y, w, h, 40, 40));
        g.fill(tail);
        g.setStroke(new BasicStroke(0));
    }

    /** ICO with one 256x256 PNG entry (Windows Vista and later). */
    private static byte[] ico(byte[] png) {
        ByteBuffer b = ByteBuffer.allocate(6 + 16 + png.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 1);
        b.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        b.putShort((short) 1).putShort((short) 32).putInt(png.length).putInt(6 + 16);
        b.put(png);
        return b.array();
    }

    /** ICNS with one ic08 (256x256 PNG) entry. */
    private static byte[] icns(byte[] png) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.writeBytes("icns");
        d.writeInt(8 + 8 + png.length);
        d.writeBytes("ic08");
        d.writeInt(8 + png.length);
        d.write(png);
        return out.toByteArray();
    }
}
