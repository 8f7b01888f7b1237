package dev.t2i.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.ImageRef;
import dev.t2i.api.data.Split;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluation is chosen from what the data set's examples hold, whatever the data set is called.
 */
class EvaluationChoiceTest {
  private static final ImageRef NO_PIXELS =
      new ImageRef() {
        @Override
        public java.awt.image.BufferedImage read() {
          throw new UnsupportedOperationException("not read");
        }

        @Override
        public String location() {
          return "nowhere";
        }
      };

  private static DatasetIndex index(String name, int firstClass, Map<String, String> attributes) {
    return new DatasetIndex(
        name,
        List.of(
            new Example("a", Split.TRAIN, firstClass, List.of("red petals"), NO_PIXELS, attributes),
            new Example(
                "b",
                Split.TEST,
                firstClass < 0 ? -1 : firstClass + 1,
                List.of("blue petals"),
                NO_PIXELS,
                attributes)),
        Map.of(),
        List.of(),
        Map.of());
  }

  @Test
  void attributeLabelsWinOverClassLabelsAndTheNameDoesNotMatter() {
    Map<String, String> flower =
        Map.of(
            "petal_color",
            "red",
            "center_color",
            "yellow",
            "petal_count",
            "5",
            "petal_shape",
            "round",
            "size",
            "large");
    assertThat(Evaluator.choose(index("my-own-flowers", 0, flower)).name()).isEqualTo("attributes");
    assertThat(Evaluator.choose(index("synthetic-flowers", 0, Map.of())).name())
        .isEqualTo("classes");
    assertThat(Evaluator.choose(index("birds", 3, Map.of("petal_color", "red"))).name())
        .isEqualTo("classes");
  }

  @Test
  void aDataSetWithoutLabelsIsRefusedWithWhatEachEvaluationNeeds() {
    assertThatThrownBy(() -> Evaluator.choose(index("captions-only", -1, Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no evaluation applies to the data set captions-only")
        .hasMessageContaining(
            "attributes needs the attributes petal_color, center_color, petal_count, petal_shape, size")
        .hasMessageContaining(
            "classes needs a class label on every example, and at least two classes");
  }
}
