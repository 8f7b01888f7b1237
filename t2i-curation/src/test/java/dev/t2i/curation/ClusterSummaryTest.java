package dev.t2i.curation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.t2i.api.data.Example;
import dev.t2i.api.data.ImageRef;
import dev.t2i.api.data.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSummaryTest {
  private static List<Example> examples(int... classes) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < classes.length; i++) {
      String id = "image_" + i;
      out.add(
          new Example(
              id,
              Split.TRAIN,
              classes[i],
              List.of("a caption"),
              new ImageRef() {
                @Override
                public java.awt.image.BufferedImage read() {
                  throw new UnsupportedOperationException("not read by a summary");
                }

                @Override
                public String location() {
                  return id;
                }
              },
              Map.of()));
    }
    return out;
  }

  @Test
  void countsSizesMainClassesAndPurity() {
    ClusterSummary s =
        ClusterSummary.of(
            examples(1, 1, 2, 2, 3, 3, 3),
            new int[] {0, 0, 0, 1, 1, 1, 2},
            3,
            Map.of(1, "rose", 2, "tulip", 3, "daisy"),
            7);
    assertThat(s.sizes()).containsExactly(3, 3, 1);
    // Cluster 0: rose 2 of 3; cluster 1: daisy 2 of 3; cluster 2: daisy 1 of 1.
    assertThat(s.purity()).isEqualTo(5 / 7.0);
    assertThat(s.topClasses()).containsExactly("rose 2, tulip 1", "daisy 2, tulip 1", "daisy 1");
    assertThat(s.table())
        .isEqualTo(
            """
        cluster    images   share  main classes
        0               3   42.9%  rose 2, tulip 1
        1               3   42.9%  daisy 2, tulip 1
        2               1   14.3%  daisy 1
        all             7  100.0%
        purity 0.7143 (random assignment with these sizes: RANDOM)
        """
                .replace("RANDOM", String.format("%.4f", s.randomPurity())));
    assertThat(s.randomPurity()).isBetween(3 / 7.0, 1.0);
    assertThat(s.toMap()).containsEntry("purity", 0.7143);
  }

  @Test
  void dataWithoutClassesHasSizesOnly() {
    ClusterSummary s = ClusterSummary.of(examples(-1, -1, -1), new int[] {1, 1, 0}, 2, Map.of(), 1);
    assertThat(s.sizes()).containsExactly(1, 2);
    assertThat(s.purity()).isNaN();
    assertThat(s.table()).doesNotContain("purity");
    assertThat(s.toMap()).doesNotContainKey("purity");
  }
}
