package dev.t2i.datasets.flickr;

import dev.t2i.datasets.io.LoadLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Flickr30k's two caption files into captions per image name.
 *
 * <ul>
 *   <li>{@code results_20130124.token}: {@code NAME.jpg#N<TAB>caption}.
 *   <li>{@code results.csv}: a header {@code image_name| comment_number| comment}, then {@code
 *       NAME.jpg| N| caption}. One row of the published file lacks the separator between the number
 *       and the caption ({@code 2199200615.jpg| 4 A dog runs across the grass .}); such a row is
 *       read as number and caption.
 * </ul>
 */
public final class FlickrCaptions {
  private static final Pattern TOKEN = Pattern.compile("([^#\\t]+)#(\\d+)\\t(.*)");
  private static final Pattern NUMBER_THEN_TEXT = Pattern.compile("\\s*(\\d+)\\s+(\\S.*)");

  private FlickrCaptions() {}

  /** Captions of the token format, by image name in file order. */
  public static Map<String, List<String>> parseToken(List<String> lines, Path file, LoadLog log) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      Matcher m = TOKEN.matcher(line);
      if (!m.matches() || m.group(3).isBlank()) {
        log.problem(file + ":" + (i + 1), "expected NAME.jpg#N<TAB>caption");
        continue;
      }
      out.computeIfAbsent(m.group(1).strip(), k -> new ArrayList<>()).add(m.group(3).strip());
    }
    return out;
  }

  /** Captions of the CSV format, by image name in file order. */
  public static Map<String, List<String>> parseCsv(List<String> lines, Path file, LoadLog log) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || (i == 0 && line.startsWith("image_name"))) {
        continue;
      }
      String[] f = line.split("\\|", 3);
      String name = f[0].strip();
      String caption = null;
      if (f.length == 3 && f[1].strip().matches("\\d+")) {
        caption = f[2].strip();
      } else if (f.length == 2) {
        Matcher m = NUMBER_THEN_TEXT.matcher(f[1]);
        if (m.matches()) {
          caption = m.group(2).strip();
        }
      }
      if (name.isEmpty() || caption == null || caption.isEmpty()) {
        log.problem(file + ":" + (i + 1), "expected 'NAME.jpg| N| caption'");
        continue;
      }
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(caption);
    }
    return out;
  }
}
