package dev.t2i.models.gnn;

import dev.t2i.api.Generator;
import dev.t2i.api.GeneratorInput;
import dev.t2i.api.GeneratorOutput;
import dev.t2i.api.Mode;
import dev.t2i.api.Parameters;
import dev.t2i.api.TextEncoder;
import dev.t2i.api.TextShape;
import dev.t2i.models.dcgan.DcganGenerator;
import jakarta.inject.Inject;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code gnn}: two branches of the DCGAN generator network.
 *
 * <ul>
 *   <li>The Euclidean (GNN) branch reads the text with the noise set to zero, so that one caption
 *       gives one image; its output is {@link GeneratorOutput#images()}, which a Euclidean loss
 *       compares with the caption's image and which generation returns.
 *   <li>The adversarial branch reads noise and text as its conditioning says; its output is shown
 *       to the discriminator as {@link GeneratorOutput#fakes()}.
 * </ul>
 *
 * With {@code shareParameters} both branches are one network (scope {@code G}); otherwise the GNN
 * branch has its own weights (scope {@code G_GNN}), trained by the same generator optimizer. With
 * text conditioning and shared weights the branches coincide, and the graph builds it once.
 */
public final class GnnGenerator implements Generator {
  private final GnnGeneratorSettings settings;
  private final DcganGenerator network;

  @Inject
  public GnnGenerator(GnnGeneratorSettings settings, Optional<TextEncoder> encoder) {
    this.settings = settings;
    this.network = new DcganGenerator(settings.network(), encoder);
  }

  @Override
  public int imageSize() {
    return network.imageSize();
  }

  @Override
  public int noiseDimension() {
    return network.noiseDimension();
  }

  @Override
  public TextShape textShape() {
    return network.textShape();
  }

  @Override
  public GeneratorOutput generate(Ops tf, Parameters params, GeneratorInput input, Mode mode) {
    Parameters gnnParams = settings.shareParameters() ? params : params.scope("GNN");
    Operand<TFloat32> zeros = null;
    if (network.noiseDimension() > 0) {
      Operand<org.tensorflow.types.TInt32> batch =
          tf.slice(tf.shape(input.text()), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
      zeros =
          tf.fill(
              tf.concat(
                  java.util.List.of(batch, tf.constant(new int[] {network.noiseDimension()})),
                  tf.constant(0)),
              tf.constant(0f));
    }
    Operand<TFloat32> euclidean = network.network(tf, gnnParams, zeros, input.text(), mode);
    Operand<TFloat32> adversarial =
        settings.shareParameters() && network.noiseDimension() == 0
            ? euclidean
            : network.network(tf, params, input.noise(), input.text(), mode);
    return new GeneratorOutput(euclidean, adversarial, null, null, null);
  }
}
