package dev.t2i.api.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.t2i.api.EncodedText;
import dev.t2i.api.Generator;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import org.junit.jupiter.api.Test;

class ComponentTypeTest {
  record EchoSettings(Integer dimension) implements TextEncoder.Settings {}

  static final class Echo implements TextEncoder {
    @Override
    public TextShape shape() {
      return TextShape.pooled(1);
    }

    @Override
    public EncodedText encode(String caption) {
      return new EncodedText(
          new float[] {caption.length()}, new float[] {1}, 1, java.util.List.of());
    }
  }

  @Test
  void acceptsAConsistentRegistration() {
    ComponentType t =
        new ComponentType(Role.ENCODER, "echo-length", EchoSettings.class, Echo.class, "echo");
    assertThat(t.role().key()).isEqualTo("encoder");
    assertThat(Role.ofSettings(EchoSettings.class)).contains(Role.ENCODER);
  }

  @Test
  void refusesNamesThatAreNotLowerCaseIdentifiers() {
    assertThatThrownBy(
            () ->
                new ComponentType(
                    Role.ENCODER, "java.lang.ProcessBuilder", EchoSettings.class, Echo.class, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lower-case words joined by '-'");
    assertThatThrownBy(
            () -> new ComponentType(Role.ENCODER, "Echo", EchoSettings.class, Echo.class, "x"))
        .hasMessageContaining("was 'Echo'");
  }

  @Test
  void refusesSettingsOrImplementationsOfAnotherRole() {
    assertThatThrownBy(
            () -> new ComponentType(Role.GENERATOR, "echo", EchoSettings.class, Echo.class, "x"))
        .hasMessageContaining("must implement dev.t2i.api.Generator.Settings");
    record GenSettings() implements Generator.Settings {}
    assertThatThrownBy(
            () -> new ComponentType(Role.GENERATOR, "echo", GenSettings.class, Echo.class, "x"))
        .hasMessageContaining("must implement dev.t2i.api.Generator");
  }
}
