package dev.t2i.datasets.subset;

import dev.t2i.api.data.DatasetException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code clusters.csv} that {@code t2i cluster} writes: a header naming at least the
 * columns {@code id} and {@code cluster}, then one image per line.
 */
public final class ClusterAssignments {
  /** The columns {@code t2i cluster} writes, in order. */
  public static final List<String> HEADER =
      List.of("id", "split", "class", "cluster", "probability");

  private ClusterAssignments() {}

  /** Image id to cluster. */
  public static Map<String, Integer> read(Path file) throws IOException {
    Map<String, Integer> out = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null) {
        throw new DatasetException(
            file
                + ": empty; expected the clusters.csv that t2i cluster writes, with the header "
                + String.join(",", HEADER));
      }
      List<String> columns = Arrays.asList(header.split(",", -1));
      int id = columns.indexOf("id");
      int cluster = columns.indexOf("cluster");
      if (id < 0 || cluster < 0) {
        throw new DatasetException(
            file
                + ":1: header '"
                + header
                + "' lacks the columns id and cluster; expected "
                + String.join(",", HEADER));
      }
      String line;
      int n = 1;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length != columns.size()) {
          throw new DatasetException(
              file + ":" + n + ": " + f.length + " fields; the header has " + columns.size());
        }
        int c;
        try {
          c = Integer.parseInt(f[cluster].strip());
        } catch (NumberFormatException e) {
          throw new DatasetException(
              file + ":" + n + ": cluster '" + f[cluster] + "' is not a whole number");
        }
        if (c < 0) {
          throw new DatasetException(file + ":" + n + ": cluster " + c + " is negative");
        }
        if (out.put(f[id].strip(), c) != null) {
          throw new DatasetException(file + ":" + n + ": image '" + f[id] + "' is listed twice");
        }
      }
    } catch (NoSuchFileException e) {
      throw new DatasetException(
          file
              + ": no such file; run t2i cluster first, which writes clusters.csv in its output directory");
    }
    return out;
  }
}
