package dev.t2i.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Injector;
import dev.t2i.api.Generator;
import dev.t2i.api.RunContext;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.plugin.PluginException;
import dev.t2i.api.plugin.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentAssemblerTest {
  private final PluginRegistry registry = PluginRegistry.discover();

  @Test
  void guiceBuildsComponentsFromSettingsAndWiresThemTogether() throws Exception {
    TestExperiment e =
        new ConfigLoader(registry)
            .read(
                "encoder: {type: echo, dimension: 3}\ngenerator: {type: dcgan, imageSize: 32}\n",
                "x.yaml",
                TestExperiment.class);
    Injector injector =
        new ComponentAssembler(registry)
            .injector(
                new RunContext(9, Path.of("runs/x")),
                Map.of(Role.ENCODER, e.encoder(), Role.GENERATOR, e.generator()));
    TextEncoder encoder = ComponentAssembler.get(injector, TextEncoder.class);
    Generator generator = ComponentAssembler.get(injector, Generator.class);

    assertThat(encoder).isInstanceOf(TestPlugin.Echo.class);
    assertThat(((TestPlugin.Echo) encoder).context.seed()).isEqualTo(9);
    assertThat(((TestPlugin.Echo) encoder).greeting).isEqualTo("hello");
    assertThat(encoder.encode("four").values()).containsExactly(4f, 4f, 4f);
    assertThat(generator.imageSize()).isEqualTo(32);
    assertThat(generator.textShape()).isEqualTo(encoder.shape());
    assertThat(((TestPlugin.ConvGenerator) generator).encoder).isSameAs(encoder);
  }

  @Test
  void aMissingDependencyIsAClearError() {
    // The generator needs a TextEncoder, and none is configured.
    assertThatThrownBy(
            () ->
                new ComponentAssembler(registry)
                    .injector(
                        new RunContext(1, Path.of("r")),
                        Map.of(
                            Role.GENERATOR,
                            new TestPlugin.ConvGeneratorSettings(null, null, null))))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("cannot assemble the components")
        .hasMessageContaining("TextEncoder");
  }

  @Test
  void settingsUnderTheWrongRoleAreRefused() {
    assertThatThrownBy(
            () ->
                new ComponentAssembler(registry)
                    .injector(
                        new RunContext(1, Path.of("r")),
                        Map.of(Role.DISCRIMINATOR, new TestPlugin.GnnSettings(1))))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("settings of generator type 'gnn' given as discriminator");
  }

  @Test
  void describesSettingsWithDefaultsAndDocs() {
    ConfigLoader loader = new ConfigLoader(registry);
    var describer = new SettingsDescriber(loader);
    var gen = describer.describe(registry.find(Role.GENERATOR, "dcgan").orElseThrow());
    assertThat(gen)
        .extracting(SettingsDescriber.Field::name)
        .containsExactly("ngf", "imageSize", "activation");
    assertThat(gen)
        .extracting(SettingsDescriber.Field::defaultValue)
        .containsExactly("64", "64", "relu");
    var enc = describer.describe(registry.find(Role.ENCODER, "echo").orElseThrow());
    assertThat(enc.get(0).description()).isEqualTo("vector size");
    assertThat(enc.get(0).defaultValue())
        .as("dimension has no default: required")
        .isEqualTo("(required)");
    assertThat(enc.get(1).defaultValue()).as("upper defaults to false").isEqualTo("false");
  }
}
