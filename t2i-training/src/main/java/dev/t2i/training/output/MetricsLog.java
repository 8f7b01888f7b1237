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
 * step,seconds_per_step,NAME...}), for loss curves in reports. A resumed run appends to it.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
