package dev.t2i.datasets.synthetic;

import dev.t2i.api.Progress;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a synthetic data set to disk in the Oxford-102 layout, so that the {@code oxford102}
 * loader reads it back: {@code jpg/image_XXXXX.jpg}, {@code text_c10/class_XXXXX/image_XXXXX.txt},
 * {@code labels.txt}, {@code cat_to_name.json}, plus {@code splits.txt} (image and split) and
 * {@code attributes.tsv} (the attribute labels).
 */
public final class SyntheticFlowersWriter {
  private SyntheticFlowersWriter() {}

  /** Writes {@code index} (from {@link SyntheticFlowersSource}) under {@code out}. */
  public static void write(
      DatasetIndex index, Path out, float jpegQuality, Progress.Factory progress)
      throws IOException {
    Files.createDirectories(out.resolve("jpg"));
    try (Writer labels =
            Files.newBufferedWriter(out.resolve("labels.txt"), StandardCharsets.UTF_8);
        Writer splits = Files.newBufferedWriter(out.resolve("splits.txt"), StandardCharsets.UTF_8);
        Writer attributes =
            Files.newBufferedWriter(out.resolve("attributes.tsv"), StandardCharsets.UTF_8);
        Progress bar =
            progress.start("writing synthetic flowers", index.examples().size(), "images")) {
      attributes.write("image\tsplit\tpetal_color\tcenter_color\tpetal_count\tpetal_shape\tsize\n");
      long done = 0;
      for (Example e : index.examples()) {
        writeJpeg(e.image().read(), out.resolve("jpg").resolve(e.id() + ".jpg"), jpegQuality);
        Path captions =
            out.resolve("text_c10")
                .resolve(String.format("class_%05d", e.classId()))
                .resolve(e.id() + ".txt");
        Files.createDirectories(captions.getParent());
        Files.writeString(captions, String.join("\n", e.captions()) + "\n", StandardCharsets.UTF_8);
        labels.write(e.id() + " " + e.classId() + "\n");
        splits.write(e.id() + " " + e.split().id() + "\n");
        var a = e.attributes();
        attributes.write(
            String.join(
                    "\t",
                    e.id(),
                    e.split().id(),
                    a.get("petal_color"),
                    a.get("center_color"),
                    a.get("petal_count"),
                    a.get("petal_shape"),
                    a.get("size"))
                + "\n");
        bar.set(++done);
      }
    }
    StringBuilder json = new StringBuilder("{");
    index
        .classNames()
        .forEach(
            (k, v) ->
                json.append(json.length() > 1 ? ", " : "")
                    .append('"')
                    .append(k)
                    .append("\": \"")
                    .append(v)
                    .append('"'));
    Files.writeString(
        out.resolve("cat_to_name.json"), json.append("}\n").toString(), StandardCharsets.UTF_8);
    Files.writeString(
        out.resolve("README.txt"),
        "Synthetic flowers written by t2i ("
            + index.provenance()
            + ").\n"
            + "Read it back with dataset: {type: oxford102, root: "
            + out
            + "}.\n",
        StandardCharsets.UTF_8);
  }

  private static void writeJpeg(BufferedImage image, Path file, float quality) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter writer = writers.next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    try (ImageOutputStream os = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(os);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
