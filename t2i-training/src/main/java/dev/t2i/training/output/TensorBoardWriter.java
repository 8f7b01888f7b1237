package dev.t2i.training.output;

import dev.t2i.api.train.TrainingEvent;
import dev.t2i.api.train.TrainingListener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * Writes a run's losses, learning rates and sample grids as TensorBoard event files, with
 * TensorFlow's own summary ops in a small graph of its own: {@code tensorboard --logdir RUN/events}
 * shows them while the run trains.
 */
public final class TensorBoardWriter implements TrainingListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TensorBoardWriter.class);

  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TInt64> step;
  private final Placeholder<TString> tag;
  private final Placeholder<TFloat32> value;
  private final Placeholder<TUint8> image;
  private final Op writeScalar;
  private final Op writeImage;
  private final Op flush;
  private final Op close;
  private final Map<String, Float> constants;
  private final int logEvery;

  /**
   * @param constants scalars written with every log line, such as learning rates
   * @param logEvery steps between scalar writes
   */
  public TensorBoardWriter(Path directory, Map<String, Float> constants, int logEvery)
      throws IOException {
    Files.createDirectories(directory);
    this.constants = constants;
    this.logEvery = logEvery;
    Ops tf = Ops.create(graph);
    SummaryWriter writer = tf.summary.summaryWriter();
    Op create =
        tf.summary.createSummaryFileWriter(
            writer,
            tf.constant(directory.toAbsolutePath().toString()),
            tf.constant(100),
            tf.constant(5000),
            tf.constant(".t2i"));
    step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    image = tf.placeholder(TUint8.class, Placeholder.shape(Shape.of(1, -1, -1, 3)));
    writeScalar = tf.summary.writeScalarSummary(writer, step, tag, value);
    writeImage =
        tf.summary.writeImageSummary(
            writer, step, tag, image, tf.constant(new byte[] {0, 0, (byte) 255}));
    flush = tf.summary.flushSummaryWriter(writer);
    close = tf.summary.closeSummaryWriter(writer);
    session = new Session(graph);
    session.runner().addTarget(create).run();
  }

  @Override
  public void on(TrainingEvent event) {
    try {
      if (event instanceof TrainingEvent.StepCompleted s
          && (s.step() % logEvery == 0 || s.step() == s.totalSteps())) {
        for (var e : s.losses().entrySet()) {
          scalar(s.step(), "loss/" + e.getKey(), e.getValue());
        }
        for (var e : constants.entrySet()) {
          scalar(s.step(), e.getKey(), e.getValue());
        }
        scalar(s.step(), "speed/seconds_per_step", (float) s.secondsPerStep());
      } else if (event instanceof TrainingEvent.SampleWritten w) {
        BufferedImage png = ImageIO.read(w.image().toFile());
        image(w.step(), "samples", png);
        session.runner().addTarget(flush).run();
      } else if (event instanceof TrainingEvent.Finished
          || event instanceof TrainingEvent.CheckpointSaved) {
        session.runner().addTarget(flush).run();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      LOG.warn("TensorBoard event not written: {}", e.toString());
    }
  }

  private void scalar(long s, String name, float v) {
    try (TInt64 st = TInt64.scalarOf(s);
        TString tg = TString.scalarOf(name);
        TFloat32 val = TFloat32.scalarOf(v)) {
      session.runner().feed(step, st).feed(tag, tg).feed(value, val).addTarget(writeScalar).run();
    }
  }

  private void image(long s, String name, BufferedImage png) {
    int w = png.getWidth();
    int h = png.getHeight();
    try (TInt64 st = TInt64.scalarOf(s);
        TString tg = TString.scalarOf(name);
        TUint8 im =
            TUint8.tensorOf(
                Shape.of(1, h, w, 3),
                t -> {
                  for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                      int p = png.getRGB(x, y);
                      t.setByte((byte) (p >> 16), 0, y, x, 0);
                      t.setByte((byte) (p >> 8), 0, y, x, 1);
                      t.setByte((byte) p, 0, y, x, 2);
                    }
                  }
                })) {
      session.runner().feed(step, st).feed(tag, tg).feed(image, im).addTarget(writeImage).run();
    }
  }

  @Override
  public void close() {
    try {
      session.runner().addTarget(close).run();
    } finally {
      session.close();
      graph.close();
    }
  }
}
