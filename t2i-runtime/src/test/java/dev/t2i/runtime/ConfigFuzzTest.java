package dev.t2i.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Fuzzes the configuration loader: any text either reads into settings or fails with a {@link
 * ConfigException} that starts with the file's name; nothing else may escape.
 */
class ConfigFuzzTest {
  private static final ConfigLoader LOADER = new ConfigLoader(PluginRegistry.discover());

  @FuzzTest(maxDuration = "30s")
  void anyTextReadsOrFailsWithALocatedError(@NotNull String yaml) {
    try {
      TestExperiment e = LOADER.read(yaml, "fuzz.yaml", TestExperiment.class);
      assertThat(e.encoder()).isNotNull();
      assertThat(LOADER.read(LOADER.write(e), "written.yaml", TestExperiment.class)).isEqualTo(e);
    } catch (ConfigException e) {
      assertThat(e.getMessage()).startsWith("fuzz.yaml").doesNotContain("\tat ");
    }
  }
}
