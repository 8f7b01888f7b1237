package dev.t2i.training;

import dev.t2i.api.EncodedText;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.Split;
import dev.t2i.training.output.ImageGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The fixed captions and noise of a run's sample grids: a row per caption, a column per noise
 * vector, the same noise down each column so that rows differ only by their caption. It holds its
 * inputs as tensors: close it.
 */
final class SampleGrid implements AutoCloseable {
  private final List<String> captions;
  private final int perCaption;
  private final int size;
  private final GeneratorTensors inputs;

  SampleGrid(DatasetIndex index, Experiment e, SampleSettings s) {
    List<String> chosen = new ArrayList<>(s.captions());
    if (chosen.isEmpty()) {
      List<Example> pool =
          index.split(Split.TEST).isEmpty() ? index.split(Split.TRAIN) : index.split(Split.TEST);
      LinkedHashSet<String> distinct = new LinkedHashSet<>();
      for (Example x : pool) {
        distinct.add(x.captions().get(0));
        if (distinct.size() == s.count()) {
          break;
        }
      }
      chosen.addAll(distinct);
    }
    this.captions = List.copyOf(chosen);
    this.perCaption = s.perCaption();
    this.size = e.generator().imageSize();
    int rows = captions.size() * perCaption;
    TextShape shape = e.encoder().map(TextEncoder::shape).orElse(null);
    float[] text = null;
    float[] masks = null;
    if (shape != null) {
      text = new float[rows * shape.size()];
      masks = new float[rows * shape.steps()];
      for (int c = 0; c < captions.size(); c++) {
        EncodedText enc = e.encoder().orElseThrow().encode(captions.get(c));
        for (int j = 0; j < perCaption; j++) {
          int row = c * perCaption + j;
          System.arraycopy(enc.values(), 0, text, row * shape.size(), shape.size());
          System.arraycopy(enc.mask(), 0, masks, row * shape.steps(), shape.steps());
        }
      }
    }
    int z = e.generator().noiseDimension();
    float[] noise = null;
    if (z > 0) {
      float[] column = new NoiseSource(s.noiseSeed(), z).values(0, 0, perCaption);
      noise = new float[rows * z];
      for (int row = 0; row < rows; row++) {
        System.arraycopy(column, (row % perCaption) * z, noise, row * z, z);
      }
    }
    this.inputs = GeneratorTensors.of(rows, shape, text, masks, noise);
  }

  /** Draws the grid with {@code path} and writes it to {@code png}. */
  Path write(Session session, TrainingGraph.SamplingPath path, Path png) throws IOException {
    Session.Runner r = path.inputs().feed(session.runner(), inputs).fetch(path.images());
    try (Result res = r.run()) {
      TFloat32 images = (TFloat32) res.get(0);
      float[] v = new float[(int) images.size()];
      images.copyTo(DataBuffers.of(v, false, false));
      ImageGrid.writePng(ImageGrid.grid(v, size, captions.size(), perCaption, captions, 2), png);
    }
    return png;
  }

  @Override
  public void close() {
    inputs.close();
  }
}
