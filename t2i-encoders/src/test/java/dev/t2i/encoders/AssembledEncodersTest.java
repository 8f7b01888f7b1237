package dev.t2i.encoders;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import dev.t2i.api.EncodedText;
import dev.t2i.api.RunContext;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.api.data.ImageRef;
import dev.t2i.api.data.Split;
import dev.t2i.api.plugin.ComponentRegistry;
import dev.t2i.api.plugin.Role;
import dev.t2i.api.plugin.T2iPlugin;
import dev.t2i.encoders.word2vec.Word2VecTrainerTest;
import dev.t2i.runtime.ComponentAssembler;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encoders as a user gets them: from YAML, built by Guice, training word2vec on a data set. */
class AssembledEncodersTest {

  public record CaptionsSettings(Integer count) implements ImageCaptionSource.Settings {}

  /** A data set of captions only, for this test. */
  public static final class Captions implements ImageCaptionSource {
    final int count;
    static int loads;

    @Inject
    Captions(CaptionsSettings s) {
      this.count = s.count();
    }

    @Override
    public DatasetIndex load() {
      loads++;
      List<Example> examples = new ArrayList<>();
      List<String> all = Word2VecTrainerTest.corpus(count, 5);
      ImageRef none =
          new ImageRef() {
            @Override
            public java.awt.image.BufferedImage read() {
              throw new UnsupportedOperationException();
            }

            @Override
            public String location() {
              return "none";
            }
          };
      for (int i = 0; i < count / 10; i++) {
        examples.add(
            new Example(
                "e" + i,
                i % 10 == 0 ? Split.TEST : Split.TRAIN,
                -1,
                all.subList(i * 10, i * 10 + 10),
                none,
                Map.of()));
      }
      return new DatasetIndex("captions", examples, Map.of(), List.of(), Map.of());
    }
  }

  public static final class CaptionsPlugin implements T2iPlugin {
    @Override
    public String name() {
      return "captions-test";
    }

    @Override
    public void register(ComponentRegistry registry) {
      registry.register(
          Role.DATASET, "captions", CaptionsSettings.class, Captions.class, "test captions");
    }
  }

  record Config(ImageCaptionSource.Settings dataset, TextEncoder.Settings encoder) {}

  @Test
  void trainsWord2VecOnTheTrainingCaptionsOnceAndCachesIt(@TempDir Path run) throws Exception {
    PluginRegistry registry =
        PluginRegistry.of(List.of(new EncodersPlugin(), new CaptionsPlugin()));
    String yaml =
        """
        dataset: {type: captions, count: 3000}
        encoder:
          type: word2vec-sequence
          steps: 12
          vectors:
            dimension: 16
            train: {epochs: 3, minCount: 2, threads: 1, window: 3}
        """;
    Config config = new ConfigLoader(registry).read(yaml, "enc.yaml", Config.class);
    Captions.loads = 0;
    Injector injector =
        new ComponentAssembler(registry)
            .injector(
                new RunContext(3, run),
                Map.of(Role.DATASET, config.dataset(), Role.ENCODER, config.encoder()));
    TextEncoder encoder = ComponentAssembler.get(injector, TextEncoder.class);
    assertThat(Captions.loads).as("nothing loads before the first encoding").isZero();
    EncodedText e = encoder.encode("this flower has red petals");
    assertThat(e.mask()).hasSize(12).startsWith(1f, 1f, 1f, 1f, 1f, 0f);
    assertThat(e.values()).hasSize(12 * 16);
    assertThat(Captions.loads).isEqualTo(1);
    Path cacheDir = run.resolve("word2vec");
    assertThat(
            Files.list(cacheDir)
                .map(p -> p.getFileName().toString().replaceAll("-[0-9a-f]+", ""))
                .sorted()
                .toList())
        .containsExactly("vectors.bin", "vectors.captions");

    // A second run in the same directory reuses the vectors: identical encodings.
    Injector again =
        new ComponentAssembler(registry)
            .injector(
                new RunContext(3, run),
                Map.of(Role.DATASET, config.dataset(), Role.ENCODER, config.encoder()));
    EncodedText e2 =
        ComponentAssembler.get(again, TextEncoder.class).encode("this flower has red petals");
    assertThat(e2.values()).containsExactly(e.values());

    // A frozen run (generation) loads the saved vectors and never reads the data set.
    Captions.loads = 0;
    Injector frozen =
        new ComponentAssembler(registry)
            .injector(
                new RunContext(3, run, true),
                Map.of(Role.DATASET, config.dataset(), Role.ENCODER, config.encoder()));
    EncodedText e3 =
        ComponentAssembler.get(frozen, TextEncoder.class).encode("this flower has red petals");
    assertThat(e3.values()).containsExactly(e.values());
    assertThat(Captions.loads).isZero();
  }
}
