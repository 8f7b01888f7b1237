package dev.t2i.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.api.plugin.ComponentRegistry;
import dev.t2i.api.plugin.PluginException;
import dev.t2i.api.plugin.Role;
import dev.t2i.api.plugin.T2iPlugin;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {

  @Test
  void discoversPluginsThroughServiceLoader() {
    PluginRegistry registry = PluginRegistry.discover();
    assertThat(registry.plugins())
        .extracting(PluginRegistry.PluginInfo::name)
        .contains("runtime-test");
    assertThat(registry.names(Role.GENERATOR)).containsExactly("dcgan", "gnn");
    assertThat(registry.names(Role.DISCRIMINATOR)).containsExactly("dcgan");
    assertThat(registry.find(Role.ENCODER, "echo"))
        .get()
        .extracting(t -> t.implementation())
        .isEqualTo(TestPlugin.Echo.class);
    assertThat(registry.typeOfSettings(TestPlugin.GnnSettings.class))
        .get()
        .extracting(t -> t.name())
        .isEqualTo("gnn");
    assertThat(registry.plugins().get(0).source()).contains("test-classes");
  }

  static final class Dup implements T2iPlugin {
    @Override
    public String name() {
      return "duplicate-plugin";
    }

    @Override
    public void register(ComponentRegistry registry) {
      registry.register(Role.GENERATOR, "gnn", DupSettings.class, TestPlugin.Gnn.class, "again");
    }
  }

  record DupSettings() implements dev.t2i.api.Generator.Settings {}

  @Test
  void duplicateNameForARoleFailsNamingBothPlugins() {
    assertThatThrownBy(() -> PluginRegistry.of(List.of(new TestPlugin(), new Dup())))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("duplicate generator type 'gnn'")
        .hasMessageContaining("plugin 'runtime-test' (")
        .hasMessageContaining("plugin 'duplicate-plugin' (")
        .hasMessageContaining("test-classes");
  }

  @Test
  void aPluginThatThrowsIsNamed() {
    T2iPlugin broken =
        new T2iPlugin() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public void register(ComponentRegistry registry) {
            registry.register(
                Role.ENCODER,
                "Bad Name",
                TestPlugin.EchoSettings.class,
                TestPlugin.Echo.class,
                "x");
          }
        };
    assertThatThrownBy(() -> PluginRegistry.of(List.of(broken)))
        .isInstanceOf(PluginException.class)
        .hasMessageContaining("plugin 'broken'")
        .hasMessageContaining("lower-case words");
  }
}
