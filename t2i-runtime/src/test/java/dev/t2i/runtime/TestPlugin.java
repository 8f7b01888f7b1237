package dev.t2i.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.t2i.api.Checks;
import dev.t2i.api.Discriminator;
import dev.t2i.api.EncodedText;
import dev.t2i.api.Generator;
import dev.t2i.api.GeneratorInput;
import dev.t2i.api.GeneratorOutput;
import dev.t2i.api.Mode;
import dev.t2i.api.Parameters;
import dev.t2i.api.RunContext;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import dev.t2i.api.plugin.ComponentRegistry;
import dev.t2i.api.plugin.Role;
import dev.t2i.api.plugin.T2iPlugin;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A plugin for the runtime's own tests, registered through META-INF/services. */
public final class TestPlugin implements T2iPlugin {

  public enum Activation {
    @com.fasterxml.jackson.annotation.JsonProperty("relu")
    RELU,
    @com.fasterxml.jackson.annotation.JsonProperty("leaky-relu")
    LEAKY_RELU
  }

  public record EchoSettings(
      @com.fasterxml.jackson.annotation.JsonPropertyDescription("vector size") Integer dimension,
      Boolean upper)
      implements TextEncoder.Settings {
    public EchoSettings {
      Checks.required("dimension", dimension);
      Checks.positive("dimension", dimension);
      upper = Checks.orDefault(upper, false);
    }
  }

  public record ConvGeneratorSettings(Integer ngf, Integer imageSize, Activation activation)
      implements Generator.Settings {
    public ConvGeneratorSettings {
      ngf = Checks.positive("ngf", Checks.orDefault(ngf, 64));
      imageSize = Checks.oneOf("imageSize", Checks.orDefault(imageSize, 64), List.of(32, 64, 128));
      activation = Checks.orDefault(activation, Activation.RELU);
    }
  }

  public record GnnSettings(Integer ngf) implements Generator.Settings {
    public GnnSettings {
      ngf = Checks.orDefault(ngf, 64);
    }
  }

  public record ConvDiscriminatorSettings(Integer ndf) implements Discriminator.Settings {
    public ConvDiscriminatorSettings {
      ndf = Checks.orDefault(ndf, 64);
    }
  }

  /** Encodes a caption as its length, repeated; depends on the run seed and a plugin binding. */
  public static final class Echo implements TextEncoder {
    final EchoSettings settings;
    final RunContext context;
    final String greeting;

    @Inject
    Echo(EchoSettings settings, RunContext context, @Named("greeting") String greeting) {
      this.settings = settings;
      this.context = context;
      this.greeting = greeting;
    }

    @Override
    public TextShape shape() {
      return TextShape.pooled(settings.dimension());
    }

    @Override
    public EncodedText encode(String caption) {
      float[] v = new float[settings.dimension()];
      java.util.Arrays.fill(v, caption.length());
      return new EncodedText(v, new float[] {1}, 1, List.of());
    }
  }

  /** A generator that knows the encoder it is paired with. */
  public static final class ConvGenerator implements Generator {
    final ConvGeneratorSettings settings;
    final TextEncoder encoder;

    @Inject
    ConvGenerator(ConvGeneratorSettings settings, TextEncoder encoder) {
      this.settings = settings;
      this.encoder = encoder;
    }

    @Override
    public int imageSize() {
      return settings.imageSize();
    }

    @Override
    public int noiseDimension() {
      return 0;
    }

    @Override
    public TextShape textShape() {
      return encoder.shape();
    }

    @Override
    public GeneratorOutput generate(Ops tf, Parameters params, GeneratorInput input, Mode mode) {
      throw new UnsupportedOperationException("not needed by these tests");
    }
  }

  public static final class Gnn implements Generator {
    @Inject
    Gnn(GnnSettings settings) {}

    @Override
    public int imageSize() {
      return 64;
    }

    @Override
    public int noiseDimension() {
      return 0;
    }

    @Override
    public TextShape textShape() {
      return null;
    }

    @Override
    public GeneratorOutput generate(Ops tf, Parameters params, GeneratorInput input, Mode mode) {
      throw new UnsupportedOperationException();
    }
  }

  public static final class ConvDiscriminator implements Discriminator {
    @Inject
    ConvDiscriminator(ConvDiscriminatorSettings settings) {}

    @Override
    public boolean conditional() {
      return false;
    }

    @Override
    public Operand<TFloat32> score(
        Ops tf, Parameters p, Operand<TFloat32> images, Operand<TFloat32> text, Mode mode) {
      throw new UnsupportedOperationException();
    }
  }

  @Override
  public String name() {
    return "runtime-test";
  }

  @Override
  public void register(ComponentRegistry registry) {
    registry.register(
        Role.ENCODER, "echo", EchoSettings.class, Echo.class, "caption length, repeated");
    registry.register(
        Role.GENERATOR,
        "dcgan",
        ConvGeneratorSettings.class,
        ConvGenerator.class,
        "test generator");
    registry.register(Role.GENERATOR, "gnn", GnnSettings.class, Gnn.class, "test gnn");
    registry.register(
        Role.DISCRIMINATOR,
        "dcgan",
        ConvDiscriminatorSettings.class,
        ConvDiscriminator.class,
        "test discriminator");
  }

  @Override
  public List<Module> modules() {
    return List.of(
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(String.class)
                .annotatedWith(com.google.inject.name.Names.named("greeting"))
                .toInstance("hello");
          }
        });
  }
}
