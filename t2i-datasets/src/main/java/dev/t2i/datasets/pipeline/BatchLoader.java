package dev.t2i.datasets.pipeline;

import dev.t2i.api.EncodedText;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import dev.t2i.api.data.DatasetException;
import dev.t2i.api.data.Example;
import dev.t2i.datasets.io.OnError;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

/**
 * Builds batch {@code b} of a split: a pure function of (seed, b), safe to call from several
 * threads at once.
 *
 * <p>Each image is decoded into a reused buffer and written straight into the tensor's memory. An
 * image that fails to decode is replaced by the next example of the epoch's permutation under
 * policy {@code skip} (and listed in {@link Batch#skipped()}), or fails the batch under {@code
 * fail}.
 */
public final class BatchLoader {
  private final List<Example> examples;
  private final TextEncoder encoder;
  private final BatchSpec spec;
  private final ImagePipelineSettings settings;
  private final BatchPlan plan;
  private final ImageTransform transform;
  private final ThreadLocal<float[]> scratch;

  public BatchLoader(
      List<Example> examples,
      TextEncoder encoder,
      BatchSpec spec,
      ImagePipelineSettings settings,
      long seed) {
    if (spec.text() != null && encoder == null) {
      throw new IllegalArgumentException("a batch with text needs an encoder");
    }
    this.examples = List.copyOf(examples);
    this.encoder = encoder;
    this.spec = spec;
    this.settings = settings;
    this.plan = new BatchPlan(examples.size(), spec.batchSize(), seed);
    this.transform = new ImageTransform(spec.imageSize(), settings);
    this.scratch = ThreadLocal.withInitial(() -> new float[transform.floats()]);
  }

  /** Batches in one pass over the examples. */
  public int batchesPerEpoch() {
    return plan.batchesPerEpoch();
  }

  public BatchSpec spec() {
    return spec;
  }

  /** Builds batch {@code b}. */
  public Batch load(long b) {
    int n = spec.batchSize();
    int[] chosen = plan.examplesOf(b);
    List<String> ids = new ArrayList<>(n);
    List<String> captions = new ArrayList<>(n);
    List<String> skipped = new ArrayList<>();
    TFloat32 images = null;
    TFloat32 text = null;
    TFloat32 mask = null;
    TFloat32 wrong = null;
    TFloat32 wrongMask = null;
    TFloat32 random = null;
    try {
      images = TFloat32.tensorOf(Shape.of(n, spec.imageSize(), spec.imageSize(), 3));
      TextShape ts = spec.text();
      if (ts != null) {
        text = TFloat32.tensorOf(textShape(n, ts));
        mask = ts.sequence() ? TFloat32.tensorOf(Shape.of(n, ts.steps())) : null;
        if (spec.mismatchedText()) {
          wrong = TFloat32.tensorOf(textShape(n, ts));
          wrongMask = ts.sequence() ? TFloat32.tensorOf(Shape.of(n, ts.steps())) : null;
        }
      }
      if (spec.randomImages()) {
        random = TFloat32.tensorOf(Shape.of(n, spec.imageSize(), spec.imageSize(), 3));
      }
      FloatDataBuffer imageBuf = images.asRawTensor().data().asFloats();
      int[] permutation = plan.permutation(b / plan.batchesPerEpoch());
      for (int slot = 0; slot < n; slot++) {
        SplittableRandom rng = plan.random(b, slot);
        int exampleIndex = chosen[slot];
        Example e = examples.get(exampleIndex);
        int probe = 0;
        while (!writeImage(e, rng, imageBuf, slot, skipped)) {
          // Replace an undecodable image by the next example of the permutation.
          probe++;
          if (probe >= examples.size()) {
            throw new DatasetException("no image of the split decodes");
          }
          e =
              examples.get(
                  permutation[(indexOf(permutation, exampleIndex) + probe) % permutation.length]);
        }
        ids.add(e.id());
        String caption = e.captions().get(rng.nextInt(e.captions().size()));
        if (spec.augment() && settings.wordDropout() > 0) {
          caption = dropWords(caption, settings.wordDropout(), rng);
        }
        captions.add(caption);
        if (text != null) {
          EncodedText encoded = imageMean() ? meanOfCaptions(e) : encoder.encode(caption);
          writeText(encoded, text, mask, slot, ts);
          if (wrong != null) {
            writeText(hardestMismatch(e, encoded, rng), wrong, wrongMask, slot, ts);
          }
        }
        if (random != null) {
          Example r = examples.get(rng.nextInt(examples.size()));
          FloatDataBuffer rb = random.asRawTensor().data().asFloats();
          while (!writeImage(r, rng, rb, slot, skipped)) {
            r = examples.get(rng.nextInt(examples.size()));
          }
        }
      }
      return new Batch(b, images, text, mask, wrong, wrongMask, random, ids, captions, skipped);
    } catch (RuntimeException ex) {
      for (TFloat32 t : new TFloat32[] {images, text, mask, wrong, wrongMask, random}) {
        if (t != null) {
          t.close();
        }
      }
      throw ex;
    }
  }

  private static int indexOf(int[] permutation, int example) {
    for (int i = 0; i < permutation.length; i++) {
      if (permutation[i] == example) {
        return i;
      }
    }
    return 0;
  }

  private static Shape textShape(int n, TextShape ts) {
    return ts.sequence() ? Shape.of(n, ts.steps(), ts.dimension()) : Shape.of(n, ts.dimension());
  }

  /** Decodes and writes one image; false if it failed under policy {@code skip}. */
  private boolean writeImage(
      Example e, SplittableRandom rng, FloatDataBuffer into, int slot, List<String> skipped) {
    BufferedImage image;
    try {
      image = e.image().read();
    } catch (IOException | RuntimeException ex) {
      if (settings.onError() == OnError.FAIL) {
        throw new DatasetException(
            "cannot decode "
                + e.image().location()
                + ": "
                + ex.getMessage()
                + " (pipeline.onError: fail; set skip to replace such images)",
            ex);
      }
      skipped.add(e.image().location() + ": " + ex.getMessage());
      return false;
    }
    float[] pixels = scratch.get();
    transform.apply(image, spec.augment() ? rng : null, pixels);
    into.offset((long) slot * pixels.length).write(pixels);
    return true;
  }

  private static void writeText(
      EncodedText t, TFloat32 text, TFloat32 mask, int slot, TextShape ts) {
    text.asRawTensor().data().asFloats().offset((long) slot * ts.size()).write(t.values());
    if (mask != null) {
      mask.asRawTensor().data().asFloats().offset((long) slot * ts.steps()).write(t.mask());
    }
  }

  /**
   * {@code caption} with each word left out with probability {@code p}; at least one word stays.
   */
  static String dropWords(String caption, double p, SplittableRandom rng) {
    String[] words = caption.trim().split("\\s+");
    StringBuilder kept = new StringBuilder();
    for (String w : words) {
      if (rng.nextDouble() >= p) {
        kept.append(kept.length() == 0 ? "" : " ").append(w);
      }
    }
    return kept.length() > 0 ? kept.toString() : words[rng.nextInt(words.length)];
  }

  /**
   * The encoding of a mismatched caption: of {@code mismatchCandidates} drawn, the one nearest
   * (squared Euclidean distance over the encoded values) to the true caption's encoding. Near
   * captions of other classes differ in one attribute, which the discriminator must then check.
   */
  private EncodedText hardestMismatch(Example e, EncodedText truth, SplittableRandom rng) {
    // The first candidate stands unless a later one is nearer (a NaN distance never is).
    EncodedText best = mismatch(e, rng);
    double bestDistance =
        settings.mismatchCandidates() > 1 ? squaredDistance(truth.values(), best.values()) : 0;
    for (int c = 1; c < settings.mismatchCandidates(); c++) {
      EncodedText candidate = mismatch(e, rng);
      double d = squaredDistance(truth.values(), candidate.values());
      if (d < bestDistance || Double.isNaN(bestDistance)) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  private boolean imageMean() {
    return settings.captionPooling() == CaptionPooling.IMAGE_MEAN;
  }

  /** A mismatched text: another image's caption, or under image-mean the mean of its captions. */
  private EncodedText mismatch(Example e, SplittableRandom rng) {
    return imageMean()
        ? meanOfCaptions(mismatchedExample(e, rng))
        : encoder.encode(mismatchedCaption(e, rng));
  }

  /**
   * The mean of the encodings of all of {@code e}'s captions (pooled encodings: one step, mask 1).
   */
  private EncodedText meanOfCaptions(Example e) {
    float[] sum = null;
    int tokens = 0;
    List<String> unknown = new ArrayList<>();
    for (String c : e.captions()) {
      EncodedText t = encoder.encode(c);
      if (sum == null) {
        sum = new float[t.values().length];
      }
      for (int i = 0; i < sum.length; i++) {
        sum[i] += t.values()[i];
      }
      tokens += t.tokens();
      unknown.addAll(t.outOfVocabulary());
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= e.captions().size();
    }
    return new EncodedText(sum, new float[] {1f}, tokens, unknown);
  }

  /** Another example, of another class where classes are known and the policy asks for it. */
  private Example mismatchedExample(Example e, SplittableRandom rng) {
    Example fallback = null;
    for (int attempt = 0; attempt < 64; attempt++) {
      Example o = examples.get(rng.nextInt(examples.size()));
      if (o == e) {
        continue;
      }
      if (settings.mismatch() == Mismatch.CLASS && e.classId() >= 0 && o.classId() == e.classId()) {
        fallback = o;
        continue;
      }
      return o;
    }
    if (fallback != null) {
      return fallback;
    }
    throw new DatasetException(
        "cannot find a mismatched image for " + e.id() + ": the split has one image");
  }

  private static double squaredDistance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return sum;
  }

  /**
   * A caption of another image (or class) that is not word for word one of {@code e}'s own: two
   * flowers of the same petal colour can share a caption that a matching-aware loss must not call
   * wrong.
   */
  private String mismatchedCaption(Example e, SplittableRandom rng) {
    String fallback = null;
    for (int attempt = 0; attempt < 64; attempt++) {
      Example o = examples.get(rng.nextInt(examples.size()));
      if (o == e) {
        continue;
      }
      String caption = o.captions().get(rng.nextInt(o.captions().size()));
      if (e.captions().contains(caption)) {
        continue;
      }
      if (settings.mismatch() == Mismatch.CLASS && e.classId() >= 0 && o.classId() == e.classId()) {
        fallback = caption;
        continue;
      }
      return caption;
    }
    if (fallback != null) {
      return fallback;
    }
    throw new DatasetException(
        "cannot find a mismatched caption for "
            + e.id()
            + ": every caption of the split describes it");
  }
}
