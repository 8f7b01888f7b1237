package dev.t2i.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path dir;
  static final Path OXFORD =
      Path.of(System.getProperty("t2i.shared.data", "../../shared/data"), "oxford102");

  record Result(int exit, String out, String err) {}

  static Result t2i(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = T2i.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  private Path tiny(String name, int steps) throws Exception {
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(
        f,
        """
        name: %s
        output: %s
        dataset: {type: synthetic-flowers, train: 48, test: 16, imageSize: 32}
        encoder: {type: word2vec-sum, vectors: {dimension: 8, train: {epochs: 1, minCount: 1}}}
        generator: {type: dcgan, ngf: 4, imageSize: 32, noiseDimension: 6, textProjection: 4}
        discriminator: {type: dcgan, ndf: 4, textProjection: 4}
        loss: {type: gan}
        training: {batchSize: 8, steps: %d, sampleEvery: 0, checkpointEvery: 0, samples: {count: 2, perCaption: 2}}
        """
            .formatted(name, dir.resolve("runs").resolve(name), steps));
    return f;
  }

  @Test
  void pluginsListsEveryBuiltInType() {
    Result r = t2i("plugins");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains(
            "word2vec-sum",
            "word2vec-sequence",
            "dcgan",
            "gnn",
            "gan",
            "l2",
            "weighted",
            "synthetic-flowers",
            "oxford102",
            "cub200",
            "flickr30k",
            "subset",
            "savedmodel",
            "classifier",
            "pixels");
    Result d = t2i("plugins", "--describe", "synthetic-flowers");
    assertThat(d.out()).contains("train", "default 12000", "heldOutShare");
    assertThat(t2i("plugins", "--describe", "nope").exit()).isEqualTo(2);
    // Required fields are named as such, and the other fields still show their defaults.
    Result s = t2i("plugins", "--describe", "savedmodel");
    assertThat(s.out())
        .containsPattern("path +required")
        .containsPattern("output +required")
        .containsPattern("size +default 224")
        .containsPattern("preprocessing +default caffe")
        .containsPattern("input +default \\(none\\)");
  }

  @Test
  void checkAcceptsAGoodFileAndLocatesTheErrorOfABadOne() throws Exception {
    Path good = tiny("good", 2);
    assertThat(t2i("check", good.toString()).exit()).isZero();
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        Files.readString(good).replace("generator: {type: dcgan,", "generator: {type: dcgna,"));
    Result r = t2i("check", bad.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(bad + ":5:")
        .contains("unknown generator type 'dcgna'; known: convlstm, dcgan, dfgan, gnn");
    assertThat(r.err()).doesNotContain("\tat ");
    Result missing = t2i("check", dir.resolve("nope.yaml").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.yaml: no such file");
    // A vectors file that is not there fails now, not when training starts.
    Path noVectors = dir.resolve("no-vectors.yaml");
    Path absent = dir.resolve("absent.bin");
    Files.writeString(
        noVectors,
        Files.readString(good)
            .replace("vectors: {dimension: 8,", "vectors: {file: " + absent + ", dimension: 8,"));
    Result v = t2i("check", noVectors.toString());
    assertThat(v.exit()).as(v.err()).isEqualTo(2);
    assertThat(v.err()).contains("encoder.vectors.file: " + absent + ": no such file");
  }

  @Test
  void clusterWritesTheTableAndRefusesBadConfigurations() throws Exception {
    Path config = dir.resolve("cluster.yaml");
    Files.writeString(
        config,
        """
        output: %s
        dataset: {type: synthetic-flowers, train: 60, test: 12, validation: 0, imageSize: 16}
        features: {type: pixels, size: 8}
        pca: {components: 6}
        mixture: {components: 3, covariance: diagonal}
        sheet: {perCluster: 4, thumbnail: 16}
        """
            .formatted(dir.resolve("clusters")));
    Result r = t2i("cluster", config.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("cluster    images   share  main classes")
        .contains("all            72  100.0%")
        .contains("EM: ")
        .contains("clusters.csv");
    assertThat(Files.readAllLines(dir.resolve("clusters/clusters.csv"))).hasSize(73);
    assertThat(ImageIO.read(dir.resolve("clusters/contact-sheet.png").toFile()).getHeight())
        .isEqualTo(3 * 18);

    Files.writeString(
        config, Files.readString(config).replace("type: pixels, size: 8", "type: vgg16"));
    Result bad = t2i("cluster", config.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err())
        .contains("unknown features type 'vgg16'; known: classifier, pixels, savedmodel")
        .doesNotContain("\tat ");
    Files.writeString(
        config,
        Files.readString(config)
            .replace("type: vgg16", "type: savedmodel, path: " + dir + ", output: fc2"));
    Result noModel = t2i("cluster", config.toString());
    assertThat(noModel.exit()).isEqualTo(2);
    assertThat(noModel.err()).contains("features.path: " + dir + " has no saved_model.pb");
  }

  @Test
  void printedOutputReachesAStreamThatBuffers() {
    // As System.out behind main(): an encoder that buffers, flushed by println but not by print.
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    PrintWriter out =
        new PrintWriter(
            new java.io.OutputStreamWriter(bytes, java.nio.charset.StandardCharsets.UTF_8), true);
    assertThat(
            T2i.run(out, new PrintWriter(new StringWriter(), true), "quickstart", "--print-config"))
        .isZero();
    assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("# The quickstart")
        .contains("name: quickstart");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(t2i("train").exit()).isEqualTo(2);
    assertThat(t2i("generate", "--run", "x").exit()).isEqualTo(2);
    assertThat(t2i("no-such-command").exit()).isEqualTo(2);
  }

  @Test
  void trainsThenGeneratesAndExports() throws Exception {
    Path config = tiny("cli", 3);
    assertThat(t2i("train", config.toString()).exit()).isZero();
    Path run = dir.resolve("runs/cli");
    Path png = dir.resolve("out.png");
    Result g =
        t2i(
            "generate",
            "--run",
            run.toString(),
            "--text",
            "a flower with red petals",
            "-n",
            "3",
            "--out",
            png.toString());
    assertThat(g.exit()).as(g.err()).isZero();
    assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThanOrEqualTo(3 * 64);
    Result sep =
        t2i(
            "generate",
            "--run",
            run.toString(),
            "--text",
            "red",
            "-n",
            "2",
            "--separate",
            "--out",
            dir.resolve("s.png").toString());
    assertThat(sep.exit()).isZero();
    assertThat(dir.resolve("s-1.png")).exists();
    assertThat(dir.resolve("s-2.png")).exists();
    Result strip =
        t2i(
            "generate",
            "--run",
            run.toString(),
            "--text",
            "red petals",
            "--to",
            "blue petals",
            "-n",
            "5",
            "--out",
            dir.resolve("strip.png").toString());
    assertThat(strip.exit()).isZero();
    Result perWord =
        t2i(
            "generate",
            "--run",
            run.toString(),
            "--text",
            "red",
            "--per-word",
            "--out",
            dir.resolve("w.png").toString());
    assertThat(perWord.exit()).isEqualTo(2);
    assertThat(perWord.err()).contains("per-word views need the convlstm generator");
    assertThat(
            t2i("export", "--run", run.toString(), "--out", dir.resolve("model").toString()).exit())
        .isZero();
    assertThat(dir.resolve("model/saved_model.pb")).exists();
    Result again = t2i("train", config.toString());
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("already has a checkpoint (step 3): use --resume");
    assertThat(t2i("train", config.toString(), "--resume", "--steps", "4").exit()).isZero();

    // Checkpoints 3 and 4 are kept: either can be drawn from and evaluated.
    Result three =
        t2i(
            "generate",
            "--run",
            run.toString(),
            "--text",
            "red",
            "-n",
            "1",
            "--step",
            "3",
            "--out",
            dir.resolve("3.png").toString());
    assertThat(three.exit()).as(three.err()).isZero();
    assertThat(
            t2i(
                    "generate",
                    "--run",
                    run.toString(),
                    "--text",
                    "red",
                    "-n",
                    "1",
                    "--out",
                    dir.resolve("4.png").toString())
                .exit())
        .isZero();
    assertThat(Files.readAllBytes(dir.resolve("3.png")))
        .isNotEqualTo(Files.readAllBytes(dir.resolve("4.png")));
    Result missing =
        t2i(
            "generate",
            "--run",
            run.toString(),
            "--text",
            "red",
            "--step",
            "2",
            "--out",
            dir.resolve("2.png").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("kept no checkpoint of step 2; it has steps 3, 4");
    Result eval =
        t2i(
            "eval",
            "--run",
            run.toString(),
            "--every-checkpoint",
            "--captions",
            "8",
            "--samples",
            "1",
            "--classifier-steps",
            "10",
            "--cache",
            dir.resolve("evaluators").toString());
    assertThat(eval.exit()).as(eval.err()).isZero();
    assertThat(eval.out())
        .contains("held-out centre")
        .containsPattern("(?m)^ +3 +[0-9.]+ ")
        .containsPattern("(?m)^ +4 +[0-9.]+ ");
    assertThat(run.resolve("eval/step-00000003/report.json")).content().contains("\"step\" : 3");
    assertThat(run.resolve("eval/step-00000004/index.html")).exists();
  }

  /**
   * A run trained in timed segments: each stops with a checkpoint and exit 0, and the next resumes
   * it.
   */
  @Test
  void trainsInTimedSegments() throws Exception {
    Path config = tiny("segments", 1_000_000);
    Result first = t2i("train", config.toString(), "--for", "3s");
    assertThat(first.exit()).as(first.err()).isZero();
    Path checkpoints = dir.resolve("runs/segments/checkpoints");
    long afterFirst;
    try (var list = Files.list(checkpoints)) {
      afterFirst =
          list.mapToLong(p -> Long.parseLong(p.getFileName().toString().substring(5)))
              .max()
              .orElseThrow();
    }
    assertThat(afterFirst).isPositive().isLessThan(1_000_000);
    Result second = t2i("train", config.toString(), "--resume", "--for", "2s");
    assertThat(second.exit()).as(second.err()).isZero();
    try (var list = Files.list(checkpoints)) {
      assertThat(
              list.mapToLong(p -> Long.parseLong(p.getFileName().toString().substring(5)))
                  .max()
                  .orElseThrow())
          .isGreaterThan(afterFirst);
    }
    Result bad = t2i("train", config.toString(), "--for", "2 days");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err())
        .contains(
            "expected a positive whole number of seconds, minutes or hours such as 90s, 30m or 2h, got '2 days'");
  }

  /**
   * The shipped model draws with no run directory; unknown names and --step are refused with exit
   * 2.
   */
  @Test
  void generatesWithAPretrainedModel() throws Exception {
    Result list = t2i("models");
    assertThat(list.exit()).isZero();
    assertThat(list.out())
        .contains("synthetic-flowers")
        .contains("oxford102-flowers")
        .contains("draws: ")
        .contains("not yet: ");
    Path png = dir.resolve("model.png");
    Result g =
        t2i(
            "generate",
            "--model",
            "synthetic-flowers",
            "--text",
            "this flower has pink petals and a yellow center",
            "-n",
            "3",
            "--scale",
            "1",
            "--out",
            png.toString());
    assertThat(g.exit()).as(g.err()).isZero();
    assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThanOrEqualTo(3 * 64);
    Result unknown = t2i("generate", "--model", "oxford", "--text", "x", "--out", png.toString());
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err())
        .contains(
            "no pretrained model 'oxford' on the class path; available: oxford102-flowers, synthetic-flowers");
    Path flowers = dir.resolve("oxford.png");
    Result real =
        t2i(
            "generate",
            "--model",
            "oxford102-flowers",
            "--text",
            "a white flower with a yellow center",
            "-n",
            "2",
            "--scale",
            "1",
            "--out",
            flowers.toString());
    assertThat(real.exit()).as(real.err()).isZero();
    assertThat(ImageIO.read(flowers.toFile()).getWidth()).isGreaterThanOrEqualTo(2 * 64);
    Result empty =
        t2i("generate", "--model", "synthetic-flowers", "--text", "  ", "--out", png.toString());
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err()).contains("--text: expected a sentence, got an empty one");
    Result foreign =
        t2i(
            "generate",
            "--model",
            "synthetic-flowers",
            "--text",
            "zebra quokka",
            "--out",
            png.toString());
    assertThat(foreign.exit()).isEqualTo(2);
    assertThat(foreign.err())
        .contains("none of its words is in the model's vocabulary (zebra, quokka)");
    Result noScale =
        t2i(
            "generate",
            "--model",
            "synthetic-flowers",
            "--text",
            "red petals",
            "--scale",
            "0",
            "--out",
            png.toString());
    assertThat(noScale.exit()).isEqualTo(2);
    assertThat(noScale.err()).contains("--scale must be in 1..16");
    Result step =
        t2i(
            "generate",
            "--model",
            "synthetic-flowers",
            "--step",
            "3",
            "--text",
            "x",
            "--out",
            png.toString());
    assertThat(step.exit()).isEqualTo(2);
    assertThat(step.err()).contains("--step: a pretrained model keeps one checkpoint");
  }

  @Test
  void generateNamesAMissingRun() {
    Result r =
        t2i(
            "generate",
            "--run",
            dir.resolve("nope").toString(),
            "--text",
            "x",
            "--out",
            dir.resolve("o.png").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("is not a t2i run directory (no config.yaml)");
  }

  @Test
  void word2vecTrainsConvertsAndFindsNeighbours() throws Exception {
    Path corpus = dir.resolve("corpus.txt");
    StringBuilder sb = new StringBuilder();
    java.util.Random r = new java.util.Random(1);
    String[] colours = {"red", "blue", "pink", "white"};
    String[] shapes = {"round", "thin", "pointed"};
    for (int i = 0; i < 3000; i++) {
      sb.append("the flower has ")
          .append(colours[r.nextInt(4)])
          .append(" petals that are ")
          .append(shapes[r.nextInt(3)])
          .append('\n');
    }
    Files.writeString(corpus, sb);
    Path bin = dir.resolve("v.bin");
    Result t =
        t2i(
            "word2vec",
            "train",
            "--input",
            corpus.toString(),
            "--out",
            bin.toString(),
            "--dim",
            "16",
            "--min-count",
            "2",
            "--epochs",
            "5",
            "--sample",
            "0",
            "--threads",
            "1");
    assertThat(t.exit()).as(t.err()).isZero();
    assertThat(t.out()).contains("tokens/s").contains("vectors of dimension 16");
    Path txt = dir.resolve("v.txt");
    assertThat(
            t2i(
                    "word2vec",
                    "convert",
                    "--in",
                    bin.toString(),
                    "--out",
                    txt.toString(),
                    "--to",
                    "word2vec-text")
                .exit())
        .isZero();
    assertThat(Files.readAllLines(txt).get(0)).isEqualTo("13 16");
    Result n =
        t2i("word2vec", "neighbours", "--vectors", txt.toString(), "--word", "red", "-k", "3");
    assertThat(n.exit()).isZero();
    assertThat(n.out().lines().map(l -> l.split(" ")[0]).toList())
        .isSubsetOf("blue", "pink", "white");
    Result none =
        t2i("word2vec", "neighbours", "--vectors", txt.toString(), "--word", "red", "-k", "0");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("-k must be at least 1").doesNotContain("Exception");
    Result unknown = t2i("word2vec", "neighbours", "--vectors", txt.toString(), "--word", "tulip");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("'tulip' is not among the 13 words");
    Path broken = dir.resolve("broken.bin");
    Files.write(broken, java.util.Arrays.copyOf(Files.readAllBytes(bin), 100));
    Result b = t2i("word2vec", "neighbours", "--vectors", broken.toString(), "--word", "red");
    assertThat(b.exit()).isEqualTo(2);
    assertThat(b.err()).contains("broken.bin: at byte 0: header claims 13 words of dimension 16");
  }

  @Test
  void dataSyntheticWritesTheOxfordLayoutAndInspectReadsIt() throws Exception {
    Path out = dir.resolve("flowers");
    Result w = t2i("data", "synthetic", "--out", out.toString(), "--train", "10", "--test", "4");
    assertThat(w.exit()).isZero();
    assertThat(out.resolve("jpg/image_00014.jpg")).exists();
    assertThat(Files.readAllLines(out.resolve("splits.txt"))).hasSize(14);
    Path config = dir.resolve("inspect.yaml");
    Files.writeString(
        config,
        """
        output: %s
        dataset: {type: oxford102, root: %s}
        encoder: {type: word2vec-sum, vectors: {dimension: 8, train: {epochs: 1, minCount: 1}}}
        generator: {type: dcgan}
        discriminator: {type: dcgan}
        loss: {type: gan}
        """
            .formatted(dir.resolve("runs/inspect"), out));
    Result i = t2i("data", "inspect", config.toString(), "--verify-images");
    assertThat(i.exit()).as(i.err()).isZero();
    assertThat(i.out())
        .contains("train       10 images      100 captions")
        .contains("test         4 images       40 captions")
        .contains("images that do not decode: 0 of 14")
        .contains("skipped by the loader: 0");
  }

  @Test
  void dataInspectOnTheSharedOxfordData() throws Exception {
    Path config = dir.resolve("oxford.yaml");
    Files.writeString(
        config,
        """
        output: %s
        dataset: {type: oxford102, root: %s}
        encoder: {type: word2vec-sum, vectors: {dimension: 16, train: {epochs: 1}}}
        generator: {type: dcgan}
        discriminator: {type: dcgan}
        loss: {type: gan}
        """
            .formatted(dir.resolve("runs/oxford"), OXFORD.toAbsolutePath()));
    Result i = t2i("data", "inspect", config.toString());
    assertThat(i.exit()).as(i.err()).isZero();
    assertThat(i.out())
        .contains("data set oxford102")
        .contains("imagesWithOwnCaptions")
        .contains("518")
        .containsPattern("train +\\d+ images +\\d+ captions +82 classes")
        .containsPattern("test +\\d+ images +\\d+ captions +20 classes")
        .contains("unknown words:");
  }

  @Test
  void dataInspectTakesADataSetFolderAndRefusesAnUnknownLayout() throws Exception {
    Result i = t2i("data", "inspect", OXFORD.toAbsolutePath().toString());
    assertThat(i.exit()).as(i.err()).isZero();
    assertThat(i.out())
        .contains("data set oxford102")
        .contains("images                   8189")
        .containsPattern("train +5952 images +59519 captions +82 classes")
        .containsPattern("validation +667 images +6670 captions +82 classes")
        .containsPattern("test +1570 images +15700 captions +20 classes")
        .contains("skipped by the loader: 0");
    Result bad = t2i("data", "inspect", dir.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err())
        .contains(dir + ": not a data set folder t2i recognises")
        .contains("Oxford-102 (jpg/ and text_c10/)")
        .doesNotContain("\tat ");
  }
}
