package dev.t2i.pretrained;

import static org.assertj.core.api.Assertions.assertThat;

import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.generate.ModelCriteria;
import dev.t2i.training.generate.TextToImage;
import dev.t2i.training.output.ImageGrid;
import dev.t2i.training.pretrained.ModelCard;
import dev.t2i.training.pretrained.PretrainedModels;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped model opens from the class path with its files' checksums verified, and draws its
 * reference row again: the same pixels within 2 of 255 (other CPUs round convolutions otherwise).
 */
class ShippedModelsTest {
  @TempDir Path dir;

  @Test
  void bothModelsShipWithTheirEvaluation() {
    List<ModelCard> cards = PretrainedModels.onClassPath().list();
    assertThat(cards)
        .extracting(ModelCard::name)
        .contains(PretrainedModelNames.SYNTHETIC_FLOWERS, PretrainedModelNames.OXFORD102_FLOWERS);
    for (ModelCard card : cards) {
      assertThat(card.files())
          .extracting(ModelCard.ModelFile::path)
          .as(card.name())
          .contains("evaluation.json", "provenance.json", "config.yaml", "reference.png");
      assertThat(card.canDraw()).as(card.name()).isNotEmpty();
      assertThat(card.cannotDraw()).as(card.name()).isNotEmpty();
    }
  }

  @Test
  void everyModelDrawsItsReferenceAgain() throws Exception {
    List<ModelCard> cards = PretrainedModels.onClassPath().list();
    assertThat(cards).isNotEmpty();
    PluginRegistry registry = PluginRegistry.discover();
    for (ModelCard card : cards) {
      long bytes = card.files().stream().mapToLong(ModelCard.ModelFile::bytes).sum();
      assertThat(bytes).as("%s: at most 30 MB", card.name()).isLessThanOrEqualTo(30_000_000L);
      BufferedImage expected;
      try (InputStream in =
          PretrainedModels.class
              .getClassLoader()
              .getResourceAsStream(
                  PretrainedModels.ROOT + card.name() + "/" + card.reference().png())) {
        expected = ImageIO.read(in);
      }
      try (TextToImage t = ModelCriteria.pretrained(card.name()).plugins(registry).load()) {
        assertThat(t.step()).isEqualTo(card.step());
        ModelCard.Reference ref = card.reference();
        List<BufferedImage> row = t.generate(ref.caption(), ref.samples(), ref.seed());
        Path drawn = dir.resolve(card.name() + ".png");
        ImageGrid.writePng(
            ImageGrid.grid(
                ImageGrid.pack(row, t.imageSize()), t.imageSize(), 1, row.size(), null, 1),
            drawn);
        BufferedImage actual = ImageIO.read(drawn.toFile());
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        int worst = 0;
        for (int y = 0; y < actual.getHeight(); y++) {
          for (int x = 0; x < actual.getWidth(); x++) {
            int a = actual.getRGB(x, y);
            int e = expected.getRGB(x, y);
            for (int shift = 0; shift < 24; shift += 8) {
              worst = Math.max(worst, Math.abs(((a >> shift) & 0xff) - ((e >> shift) & 0xff)));
            }
          }
        }
        assertThat(worst)
            .as("%s: largest channel difference from reference.png", card.name())
            .isLessThanOrEqualTo(2);
      }
    }
  }
}
