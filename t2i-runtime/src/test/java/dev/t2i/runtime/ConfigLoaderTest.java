package dev.t2i.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  private final ConfigLoader loader = new ConfigLoader(PluginRegistry.discover());

  private static final String GOOD =
      """
      name: demo
      seed: 7
      encoder:
        type: echo
        dimension: 4
      generator:
        type: dcgan
        ngf: 32
        activation: leaky-relu
      discriminator:
        type: dcgan
      training:
        batchSize: 16
        captions:
          - a red flower
          - a blue flower
      """;

  @Test
  void readsAGoodFileIntoTypedSettingsWithDefaults() throws Exception {
    TestExperiment e = loader.read(GOOD, "good.yaml", TestExperiment.class);
    assertThat(e.name()).isEqualTo("demo");
    assertThat(e.seed()).isEqualTo(7L);
    assertThat(e.output()).isEqualTo(Path.of("runs", "demo"));
    assertThat(e.encoder()).isEqualTo(new TestPlugin.EchoSettings(4, false));
    assertThat(e.generator())
        .isEqualTo(new TestPlugin.ConvGeneratorSettings(32, 64, TestPlugin.Activation.LEAKY_RELU));
    // The same id under another role resolves to that role's class.
    assertThat(e.discriminator()).isEqualTo(new TestPlugin.ConvDiscriminatorSettings(64));
    assertThat(e.training().batchSize()).isEqualTo(16);
    assertThat(e.training().learningRate()).isEqualTo(2e-4);
    assertThat(e.training().captions()).containsExactly("a red flower", "a blue flower");
  }

  @Test
  void writesTheResolvedConfigWithTypeIdsAndReadsItBackEqual() throws Exception {
    TestExperiment e = loader.read(GOOD, "good.yaml", TestExperiment.class);
    String yaml = loader.write(e);
    assertThat(yaml)
        .contains("type: dcgan")
        .contains("type: echo")
        .contains("imageSize: 64")
        .contains("output: runs/demo");
    assertThat(yaml).doesNotContain("!<").doesNotContain("dev.t2i");
    assertThat(loader.read(yaml, "resolved.yaml", TestExperiment.class)).isEqualTo(e);
  }

  @Test
  void readsAFileFromDisk(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, GOOD);
    assertThat(loader.read(f, TestExperiment.class).name()).isEqualTo("demo");
  }

  static Stream<Arguments> badConfigs() {
    String head = "encoder: {type: echo, dimension: 4}\n";
    return Stream.of(
        Arguments.of(
            "unknown type",
            head + "generator:\n  type: dcgna\n",
            3,
            "unknown generator type 'dcgna'; known: dcgan, gnn"),
        Arguments.of(
            "class name as type",
            head + "generator:\n  type: java.lang.ProcessBuilder\n",
            3,
            "unknown generator type 'java.lang.ProcessBuilder' (type ids are names registered by plugins, never class names); known: dcgan, gnn"),
        Arguments.of(
            "class name for a nested type",
            "encoder:\n  type: dev.t2i.runtime.TestPlugin$EchoSettings\n  dimension: 4\n",
            2,
            "unknown encoder type 'dev.t2i.runtime.TestPlugin$EchoSettings' (type ids are names registered by plugins, never class names); known: echo"),
        Arguments.of(
            "missing type",
            head + "generator:\n  ngf: 3\n",
            2,
            "generator needs a 'type'; known: dcgan, gnn"),
        Arguments.of(
            "unknown field",
            head + "generator:\n  type: dcgan\n  ngff: 3\n",
            4,
            "unknown field 'ngff' in 'generator'; allowed: activation, imageSize, ngf"),
        Arguments.of(
            "unknown top-level field",
            head + "generator: {type: gnn}\nsed: 3\n",
            3,
            "unknown field 'sed' at the top level; allowed: discriminator, encoder, generator, name, output, seed, training"),
        Arguments.of(
            "misspelt required section",
            head + "genrator:\n  type: dcgan\n",
            2,
            "unknown field 'genrator' at the top level; allowed: discriminator, encoder, generator, name, output, seed, training"),
        Arguments.of(
            "misspelt field beside a failed validation",
            head + "generator:\n  type: dcgan\n  ngf: -1\n  imagesize: 64\n",
            5,
            "unknown field 'imagesize' in 'generator'; allowed: activation, imageSize, ngf, type"),
        Arguments.of(
            "wrong value type",
            head + "generator:\n  type: dcgan\n  ngf: abc\n",
            4,
            "generator.ngf: expected an integer, got 'abc'"),
        Arguments.of(
            "float for an integer",
            head + "generator:\n  type: dcgan\n  ngf: 1.5\n",
            4,
            "generator.ngf: expected an integer"),
        Arguments.of(
            "list for a scalar",
            head + "generator:\n  type: dcgan\n  ngf: [1, 2]\n",
            4,
            "generator.ngf: expected an integer"),
        Arguments.of(
            "bad enum value",
            head + "generator:\n  type: dcgan\n  activation: tanh\n",
            4,
            "generator.activation: expected one of relu, leaky-relu, got 'tanh'"),
        Arguments.of(
            "failed validation",
            head + "generator:\n  type: dcgan\n  ngf: -3\n",
            4,
            "generator: ngf must be > 0, was -3"),
        Arguments.of(
            "value not in allowed set",
            head + "generator:\n  type: dcgan\n  imageSize: 48\n",
            4,
            "generator: imageSize must be one of [32, 64, 128], was 48"),
        Arguments.of(
            "missing required field",
            "encoder:\n  type: echo\ngenerator: {type: gnn}\n",
            1,
            "encoder: dimension is required"),
        Arguments.of(
            "missing required section",
            "generator: {type: gnn}\n",
            0,
            "the top level: encoder is required"),
        Arguments.of(
            "not a mapping",
            "- just\n- a list\n",
            1,
            "expected a mapping with the fields name, seed, output, encoder, generator, discriminator, training"),
        Arguments.of(
            "not YAML",
            "encoder:\n  type: echo\n  dimension: 4: 5\n",
            3,
            "not valid YAML: mapping values are not allowed here"),
        Arguments.of("tab indentation", "encoder:\n\ttype: echo\n", 2, "not valid YAML"),
        Arguments.of("unclosed flow list", "encoder: [echo\n", 2, "not valid YAML"),
        Arguments.of(
            "duplicate key",
            head + "generator: {type: gnn}\ngenerator: {type: dcgan}\n",
            3,
            "duplicate key"),
        Arguments.of(
            "nested list item of wrong type",
            head + "generator: {type: gnn}\ntraining:\n  captions:\n    - {a: 1}\n",
            5,
            "training.captions[0]: expected a string"),
        Arguments.of(
            "non-positive learning rate",
            head + "generator: {type: gnn}\ntraining: {learningRate: 0}\n",
            3,
            "training: learningRate must be a finite number > 0, was 0.0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigs")
  void badConfigsGiveALocatedMessage(String label, String yaml, int line, String message) {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> loader.read(yaml, "run.yaml", TestExperiment.class));
    assertThat(e).as(label).isNotNull();
    assertThat(e.problem()).as(label).contains(message);
    assertThat(e.getMessage()).as(label).startsWith("run.yaml:");
    if (line > 0) {
      assertThat(e.line()).as(label + ": line of " + e.getMessage()).isEqualTo(line);
      assertThat(e.column()).as(label).isPositive();
    } else {
      assertThat(e.line()).as(label + ": " + e.getMessage()).isPositive();
    }
  }

  @Test
  void emptyFileIsAnError(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("empty.yaml");
    Files.writeString(f, "# nothing here\n\n");
    assertThatThrownBy(() -> loader.read(f, TestExperiment.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            f + ": empty configuration; expected a mapping with the fields name, seed");
  }

  @Test
  void missingFileIsAnError(@TempDir Path dir) {
    assertThatThrownBy(() -> loader.read(dir.resolve("nope.yaml"), TestExperiment.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("nope.yaml: no such file");
  }

  @Test
  void nonUtf8FileIsAnError(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("latin1.yaml");
    Files.write(f, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> loader.read(f, TestExperiment.class))
        .hasMessageContaining("not UTF-8 text");
  }

  @Test
  void oversizedFileIsRefusedBeforeParsing(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("big.yaml");
    Files.writeString(f, "name: " + "x".repeat(ConfigLoader.MAX_BYTES + 10) + "\n");
    assertThatThrownBy(() -> loader.read(f, TestExperiment.class))
        .hasMessageContaining("a configuration may have at most 1048576");
  }

  @Test
  void aliasBombIsRefused() {
    StringBuilder sb =
        new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'k'; c++) {
      sb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        sb.append(i > 0 ? "," : "").append('*').append(prev);
      }
      sb.append("]\n");
      prev = c;
    }
    assertThatThrownBy(() -> loader.read(sb.toString(), "bomb.yaml", TestExperiment.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bomb.yaml:2:")
        .hasMessageContaining("YAML aliases (*a) are not supported");
  }

  @Test
  void aliasesAreRefusedRatherThanMisread() {
    // Jackson alone would read *c as the string "c".
    String yaml =
        "encoder: {type: echo, dimension: 4}\ngenerator: {type: gnn}\ntraining:\n  captions: &c [a, b]\nname: *c\n";
    assertThatThrownBy(() -> loader.read(yaml, "alias.yaml", TestExperiment.class))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "alias.yaml:5:7: YAML aliases (*c) are not supported in a configuration; write the value out");
  }

  @Test
  void deepNestingIsRefused() {
    String yaml = "name: " + "[".repeat(200) + "]".repeat(200) + "\n";
    assertThatThrownBy(() -> loader.read(yaml, "deep.yaml", TestExperiment.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("deep.yaml:1");
  }
}
