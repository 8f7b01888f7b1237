package dev.t2i.training.output;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Lays out generated images as a PNG: one row per caption, the caption written under its row.
 * Images are NHWC floats in {@code [-1, 1]}.
 */
public final class ImageGrid {
  private ImageGrid() {}

  /** Converts image {@code i} of {@code [N, H, W, 3]} floats to an RGB image. */
  public static BufferedImage toImage(float[] nhwc, int i, int size) {
    BufferedImage im = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    int base = i * size * size * 3;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int o = base + (y * size + x) * 3;
        im.setRGB(x, y, (byte8(nhwc[o]) << 16) | (byte8(nhwc[o + 1]) << 8) | byte8(nhwc[o + 2]));
      }
    }
    return im;
  }

  /** RGB images back to NHWC floats in {@code [-1, 1]}, the inverse of {@link #toImage}. */
  public static float[] pack(java.util.List<BufferedImage> images, int size) {
    float[] v = new float[images.size() * size * size * 3];
    int i = 0;
    for (BufferedImage im : images) {
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int p = im.getRGB(x, y);
          v[i++] = ((p >> 16) & 0xff) / 127.5f - 1f;
          v[i++] = ((p >> 8) & 0xff) / 127.5f - 1f;
          v[i++] = (p & 0xff) / 127.5f - 1f;
        }
      }
    }
    return v;
  }

  private static int byte8(float v) {
    int b = Math.round((v + 1f) * 127.5f);
    return b < 0 ? 0 : Math.min(b, 255);
  }

  /**
   * A grid of {@code rows × perRow} images, each caption under its row.
   *
   * @param images {@code [rows·perRow, size, size, 3]} floats, row by row
   * @param captions one per row, or null for none
   * @param scale pixels per image pixel
   */
  public static BufferedImage grid(
      float[] images, int size, int rows, int perRow, List<String> captions, int scale) {
    int cell = size * scale;
    int pad = 4;
    int width = perRow * (cell + pad) + pad;
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    List<List<String>> lines = new ArrayList<>();
    int lineHeight = 15;
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics fm = pg.getFontMetrics(font);
    for (int r = 0; r < rows; r++) {
      lines.add(captions == null ? List.of() : wrap(captions.get(r), fm, width - 2 * pad));
    }
    pg.dispose();
    int height = pad;
    for (List<String> l : lines) {
      height += cell + pad + l.size() * lineHeight + (l.isEmpty() ? 0 : pad);
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(new Color(24, 24, 28));
      g.fillRect(0, 0, width, height);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(font);
      int y = pad;
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < perRow; c++) {
          g.drawImage(
              toImage(images, r * perRow + c, size), pad + c * (cell + pad), y, cell, cell, null);
        }
        y += cell + pad;
        g.setColor(new Color(230, 230, 230));
        for (String line : lines.get(r)) {
          y += lineHeight;
          g.drawString(line, pad, y - 3);
        }
        if (!lines.get(r).isEmpty()) {
          y += pad;
        }
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /** A strip of images side by side, with optional labels under each (the per-word view). */
  public static BufferedImage strip(
      float[] images, int size, int count, List<String> labels, int scale) {
    int cell = size * scale;
    int pad = 4;
    int labelHeight = labels == null ? 0 : 18;
    BufferedImage out =
        new BufferedImage(
            count * (cell + pad) + pad, cell + 2 * pad + labelHeight, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(new Color(24, 24, 28));
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      for (int i = 0; i < count; i++) {
        g.drawImage(toImage(images, i, size), pad + i * (cell + pad), pad, cell, cell, null);
        if (labels != null) {
          g.setColor(new Color(230, 230, 230));
          String l = labels.get(i);
          FontMetrics fm = g.getFontMetrics();
          int w = fm.stringWidth(l);
          g.drawString(l, pad + i * (cell + pad) + Math.max(0, (cell - w) / 2), pad + cell + 14);
        }
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  private static List<String> wrap(String text, FontMetrics fm, int width) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (fm.stringWidth(candidate) > width && line.length() > 0) {
        out.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    if (line.length() > 0) {
      out.add(line.toString());
    }
    return out;
  }

  /** Writes a PNG atomically. */
  public static void writePng(BufferedImage image, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp =
        Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
    try {
      if (!ImageIO.write(image, "png", tmp.toFile())) {
        throw new IOException("no PNG writer");
      }
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
