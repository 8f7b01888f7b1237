package dev.t2i.training.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small static HTML page: headings, paragraphs, tables, images by relative path, and loss curves
 * drawn as inline SVG. No script and nothing fetched, so it opens from disk anywhere.
 */
public final class HtmlReport {
  private final StringBuilder body = new StringBuilder();
  private final String title;

  public HtmlReport(String title) {
    this.title = title;
  }

  public static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  public HtmlReport heading(String text) {
    body.append("<h2>").append(escape(text)).append("</h2>\n");
    return this;
  }

  public HtmlReport paragraph(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  /** An image, by a path relative to the page, with a caption. */
  public HtmlReport image(String relativePath, String caption) {
    body.append("<figure><img src=\"")
        .append(escape(relativePath))
        .append("\" alt=\"")
        .append(escape(caption))
        .append("\"><figcaption>")
        .append(escape(caption))
        .append("</figcaption></figure>\n");
    return this;
  }

  /** A table; the first row is the header. */
  public HtmlReport table(List<List<String>> rows) {
    body.append("<table>\n");
    for (int r = 0; r < rows.size(); r++) {
      String cell = r == 0 ? "th" : "td";
      body.append("<tr>");
      for (String c : rows.get(r)) {
        body.append('<')
            .append(cell)
            .append('>')
            .append(escape(c))
            .append("</")
            .append(cell)
            .append('>');
      }
      body.append("</tr>\n");
    }
    body.append("</table>\n");
    return this;
  }

  /** Curves of {@code series} against {@code x}, as an SVG line plot. */
  public HtmlReport plot(String caption, List<Double> x, Map<String, List<Double>> series) {
    int w = 640;
    int h = 240;
    int pad = 36;
    double x0 = x.isEmpty() ? 0 : x.get(0);
    double x1 = x.isEmpty() ? 1 : Math.max(x.get(x.size() - 1), x0 + 1);
    double y0 = Double.MAX_VALUE;
    double y1 = -Double.MAX_VALUE;
    for (List<Double> ys : series.values()) {
      for (double y : ys) {
        if (Double.isFinite(y)) {
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
      }
    }
    if (y0 > y1) {
      y0 = 0;
      y1 = 1;
    }
    if (y1 - y0 < 1e-9) {
      y1 = y0 + 1;
    }
    String[] colours = {
      "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#bfef45"
    };
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">", w, h, w, h));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>",
            pad,
            8,
            w - pad - 8,
            h - pad - 8));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"2\" y=\"16\" font-size=\"10\">%.3g</text><text x=\"2\" y=\"%d\" font-size=\"10\">%.3g</text>",
            y1,
            h - pad,
            y0));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-size=\"10\">step %.0f</text><text x=\"%d\" y=\"%d\" font-size=\"10\">%.0f</text>",
            pad,
            h - 8,
            x0,
            w - 60,
            h - 8,
            x1));
    int k = 0;
    for (Map.Entry<String, List<Double>> e : series.entrySet()) {
      StringBuilder pts = new StringBuilder();
      List<Double> ys = e.getValue();
      for (int i = 0; i < Math.min(ys.size(), x.size()); i++) {
        if (!Double.isFinite(ys.get(i))) {
          continue;
        }
        double px = pad + (x.get(i) - x0) / (x1 - x0) * (w - pad - 8);
        double py = 8 + (1 - (ys.get(i) - y0) / (y1 - y0)) * (h - pad - 8);
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
      }
      String colour = colours[k % colours.length];
      svg.append("<polyline fill=\"none\" stroke=\"")
          .append(colour)
          .append("\" stroke-width=\"1.2\" points=\"")
          .append(pts)
          .append("\"/>");
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
              w - 130,
              22 + 13 * k,
              colour,
              escape(e.getKey())));
      k++;
    }
    svg.append("</svg>");
    body.append("<figure>")
        .append(svg)
        .append("<figcaption>")
        .append(escape(caption))
        .append("</figcaption></figure>\n");
    return this;
  }

  /** Writes the page atomically. */
  public void write(Path file) throws IOException {
    String page =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
            + escape(title)
            + "</title>\n"
            + "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;background:#fafafa;color:#222}"
            + "img{image-rendering:pixelated;max-width:100%}figure{display:inline-block;margin:1em}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
            + "th{background:#eee}</style></head><body>\n<h1>"
            + escape(title)
            + "</h1>\n"
            + body
            + "</body></html>\n";
    RunDirectory.writeAtomically(file, page);
  }
}
