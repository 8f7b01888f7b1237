package dev.t2i.training.generate;

import dev.t2i.training.output.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.tensorflow.SavedModelBundle;

/**
 * Exports a run's text-to-image path as a TensorFlow SavedModel with the signature {@code generate}
 * ({@code text}, {@code mask} for sequence models, {@code noise} → {@code images} in {@code [-1,
 * 1]}), loadable by any TensorFlow without t2i's model code.
 *
 * <p>Beside the model, {@code t2i/} holds what turns a sentence into the {@code text} input: the
 * run's {@code config.yaml} and the word vectors it used ({@code t2i/word2vec/}). Text is tokenized
 * as {@link dev.t2i.api.text.Tokenizer} documents.
 */
public final class SavedModelExport {
  private SavedModelExport() {}

  /** Exports the loaded run into {@code directory}, which must not exist yet. */
  public static void export(TextToImage model, Path run, Path directory) throws IOException {
    if (Files.exists(directory)) {
      throw new IOException(directory + " exists; choose a new directory for the export");
    }
    Path staging =
        Files.createTempDirectory(
            directory.toAbsolutePath().getParent(), "." + directory.getFileName() + "-");
    Files.delete(staging);
    try {
      SavedModelBundle.exporter(staging.toString())
          .withSession(model.session())
          .withSignature(model.signature())
          .export();
      Path assets = staging.resolve("t2i");
      Files.createDirectories(assets);
      Files.copy(run.resolve("config.yaml"), assets.resolve("config.yaml"));
      Path vectors = run.resolve("word2vec");
      if (Files.isDirectory(vectors)) {
        Files.createDirectories(assets.resolve("word2vec"));
        try (Stream<Path> s = Files.list(vectors)) {
          for (Path p : s.toList()) {
            Files.copy(p, assets.resolve("word2vec").resolve(p.getFileName()));
          }
        }
      }
      RunDirectory.writeAtomically(
          assets.resolve("README.txt"),
          "Exported by t2i "
              + RunDirectory.version()
              + " from "
              + run
              + " at step "
              + model.step()
              + ".\n"
              + "Signature 'generate': inputs text (encoded caption), mask (sequence models), noise (uniform in [-1, 1]);\n"
              + "output images, NHWC in [-1, 1].\n");
      Files.move(staging, directory, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      RunDirectory.deleteTree(staging);
      throw e;
    }
  }
}
