package dev.t2i.training.pretrained;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import dev.t2i.api.InvalidSettingException;
import java.util.List;

/**
 * What a shipped model is: its name, what it draws and does not, the training step it was taken at,
 * every file with its size and SHA-256, and the reference output that a test compares it with.
 *
 * @param name the name that {@code TextToImage.pretrained} and {@code t2i generate --model} take
 */
public record ModelCard(
    @JsonPropertyDescription("the model's name: lower case letters, digits and dashes") String name,
    @JsonPropertyDescription("one line on what the model is") String summary,
    @JsonPropertyDescription("what it draws well, measured") List<String> canDraw,
    @JsonPropertyDescription("what it does not draw, measured") List<String> cannotDraw,
    @JsonPropertyDescription("the training step of its weights") long step,
    @JsonPropertyDescription(
            "wall-clock seconds of training up to that step, summed over its segments (metrics.csv)")
        double trainingSeconds,
    @JsonPropertyDescription("every file of the model, relative to its directory")
        List<ModelFile> files,
    @JsonPropertyDescription("the output it gave when packaged") Reference reference) {

  /** A file of the model. */
  public record ModelFile(String path, long bytes, String sha256) {
    public ModelFile {
      Checks.required("path", path);
      Checks.required("sha256", sha256);
    }
  }

  /**
   * The images the model drew for {@code caption} with {@code samples} noise vectors of {@code
   * seed} when it was packaged, stored as the PNG {@code png} (one row).
   */
  public record Reference(String caption, long seed, int samples, String png) {
    public Reference {
      Checks.required("caption", caption);
      Checks.required("png", png);
    }
  }

  public ModelCard {
    Checks.required("name", name);
    if (!name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      throw new InvalidSettingException(
          "name", "must be lower case letters, digits and dashes, got '" + name + "'");
    }
    summary = Checks.orDefault(summary, "");
    canDraw = List.copyOf(Checks.orDefault(canDraw, List.of()));
    cannotDraw = List.copyOf(Checks.orDefault(cannotDraw, List.of()));
    files = List.copyOf(Checks.required("files", files));
    Checks.required("reference", reference);
  }
}
