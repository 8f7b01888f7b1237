package dev.t2i.training.output;

import dev.t2i.api.train.TrainingEvent;
import dev.t2i.api.train.TrainingListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends each logged step's losses to {@code metrics.csv} in the run directory ({@code
 * step,seconds_per_step,NAME...}), for loss curves in reports. Each row reaches the file before the
 * step's checkpoint is saved, so a kill loses no row that a resume would not train again. A resumed
 * run first drops the rows after the step it resumes from (a run killed after its last checkpoint
 * trains those steps again), saying how many, then appends.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MetricsLog.class);
  private final Path file;
  private final int every;
  private BufferedWriter out;
  private List<String> columns;

  public MetricsLog(Path file, int every) {
    this.file = file;
    this.every = every;
  }

  @Override
  public void on(TrainingEvent event) {
    if (event instanceof TrainingEvent.Started started) {
      keepUpTo(started.step());
      return;
    }
    if (!(event instanceof TrainingEvent.StepCompleted s)
        || (s.step() % every != 0 && s.step() != s.totalSteps())) {
      if (event instanceof TrainingEvent.Finished
          || event instanceof TrainingEvent.CheckpointSaved) {
        flush();
      }
      return;
    }
    try {
      if (out == null) {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        out =
            Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        columns = new ArrayList<>(s.losses().keySet());
        if (fresh) {
          out.write("step,seconds_per_step," + String.join(",", columns) + "\n");
        }
      }
      StringBuilder line =
          new StringBuilder()
              .append(s.step())
              .append(',')
              .append(String.format("%.4f", s.secondsPerStep()));
      for (String c : columns) {
        line.append(',').append(s.losses().getOrDefault(c, Float.NaN));
      }
      out.write(line.append('\n').toString());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Keeps the header and the rows of steps up to {@code step}; drops later rows and a line cut
   * short by a kill.
   */
  private void keepUpTo(long step) {
    try {
      if (!Files.exists(file) || Files.size(file) == 0) {
        return;
      }
      String content = Files.readString(file, StandardCharsets.UTF_8);
      List<String> lines = content.lines().toList();
      int width = lines.get(0).split(",", -1).length;
      List<String> kept = new ArrayList<>(List.of(lines.get(0)));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",", -1);
        if (f.length == width && f[0].matches("\\d+") && Long.parseLong(f[0]) <= step) {
          kept.add(line);
        }
      }
      int dropped = lines.size() - kept.size();
      if (dropped > 0) {
        LOG.info(
            "{}: dropped {} rows after step {}, the step this run resumes from",
            file,
            dropped,
            step);
      }
      if (dropped > 0 || !content.endsWith("\n")) {
        RunDirectory.writeAtomically(file, String.join("\n", kept) + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  private void flush() {
    try {
      if (out != null) {
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a metrics file: column name to values, in step order. */
  public static Map<String, List<Double>> read(Path file) throws IOException {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      return out;
    }
    String[] header = lines.get(0).split(",");
    for (String h : header) {
      out.put(h, new ArrayList<>());
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      if (f.length != header.length || f[0].equals("step")) {
        continue;
      }
      for (int i = 0; i < f.length; i++) {
        out.get(header[i]).add(Double.parseDouble(f[i]));
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }
}
