package dev.t2i.curation;

import dev.t2i.api.data.Example;
import dev.t2i.training.output.ImageGrid;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A PNG with one row per cluster: its number and size, then sample images drawn at random (seeded)
 * from its members.
 */
final class ContactSheet {
  private static final int LABEL_WIDTH = 132;
  private static final int GAP = 2;

  private ContactSheet() {}

  static void write(
      List<Example> examples,
      int[] labels,
      int[] sizes,
      ContactSheetSettings settings,
      long seed,
      Path file)
      throws IOException {
    int k = sizes.length;
    int t = settings.thumbnail();
    int per = settings.perCluster();
    BufferedImage sheet =
        new BufferedImage(LABEL_WIDTH + per * (t + GAP), k * (t + GAP), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      int n = labels.length;
      for (int c = 0; c < k; c++) {
        int y = c * (t + GAP);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString("cluster " + c, 6, y + 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format("%,d images", sizes[c]), 6, y + 34);
        g.drawString(String.format("%.1f%%", 100.0 * sizes[c] / n), 6, y + 50);
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (labels[i] == c) {
            members.add(i);
          }
        }
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + c);
        for (int j = 0; j < Math.min(per, members.size()); j++) {
          int pick = j + r.nextInt(members.size() - j);
          java.util.Collections.swap(members, j, pick);
          BufferedImage im = examples.get(members.get(j)).image().read();
          int side = Math.min(im.getWidth(), im.getHeight());
          int x0 = (im.getWidth() - side) / 2;
          int y0 = (im.getHeight() - side) / 2;
          g.drawImage(
              im,
              LABEL_WIDTH + j * (t + GAP),
              y,
              LABEL_WIDTH + j * (t + GAP) + t,
              y + t,
              x0,
              y0,
              x0 + side,
              y0 + side,
              null);
        }
      }
    } finally {
      g.dispose();
    }
    ImageGrid.writePng(sheet, file);
  }
}
