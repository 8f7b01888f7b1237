package dev.t2i.models;

import dev.t2i.api.plugin.ComponentRegistry;
import dev.t2i.api.plugin.Role;
import dev.t2i.api.plugin.T2iPlugin;
import dev.t2i.models.convlstm.SentenceGenerator;
import dev.t2i.models.convlstm.SentenceGeneratorSettings;
import dev.t2i.models.dcgan.DcganDiscriminator;
import dev.t2i.models.dcgan.DcganDiscriminatorSettings;
import dev.t2i.models.dcgan.DcganGenerator;
import dev.t2i.models.dcgan.DcganGeneratorSettings;
import dev.t2i.models.dfgan.DfganDiscriminator;
import dev.t2i.models.dfgan.DfganDiscriminatorSettings;
import dev.t2i.models.dfgan.DfganGenerator;
import dev.t2i.models.dfgan.DfganGeneratorSettings;
import dev.t2i.models.gnn.GnnGenerator;
import dev.t2i.models.gnn.GnnGeneratorSettings;
import dev.t2i.models.losses.GanLoss;
import dev.t2i.models.losses.GanLossSettings;
import dev.t2i.models.losses.HingeLoss;
import dev.t2i.models.losses.HingeLossSettings;
import dev.t2i.models.losses.L2Loss;
import dev.t2i.models.losses.L2LossSettings;
import dev.t2i.models.losses.WeightedLoss;
import dev.t2i.models.losses.WeightedLossSettings;

/** Registers the generators, discriminators and losses. */
public final class ModelsPlugin implements T2iPlugin {

  @Override
  public String name() {
    return "t2i-models";
  }

  @Override
  public void register(ComponentRegistry registry) {
    registry.register(
        Role.GENERATOR,
        "dcgan",
        DcganGeneratorSettings.class,
        DcganGenerator.class,
        "DCGAN generator: text replaces noise, noise only, or noise + projected text");
    registry.register(
        Role.GENERATOR,
        "gnn",
        GnnGeneratorSettings.class,
        GnnGenerator.class,
        "the GNN: a DCGAN generator trained with a Euclidean loss, sharing weights with the adversarial branch or not");
    registry.register(
        Role.GENERATOR,
        "convlstm",
        SentenceGeneratorSettings.class,
        SentenceGenerator.class,
        "the report's sentence model: per-word DCGAN images through a peephole ConvLSTM, the last word through the GNN branch");
    registry.register(
        Role.DISCRIMINATOR,
        "dcgan",
        DcganDiscriminatorSettings.class,
        DcganDiscriminator.class,
        "DCGAN discriminator, optionally reading projected text (GAN-CLS)");
    registry.register(
        Role.GENERATOR,
        "dfgan",
        DfganGeneratorSettings.class,
        DfganGenerator.class,
        "DF-GAN generator: up-sampling blocks of 3x3 convolutions with deep text-image fusion (affine transforms from sentence and noise)");
    registry.register(
        Role.DISCRIMINATOR,
        "dfgan",
        DfganDiscriminatorSettings.class,
        DfganDiscriminator.class,
        "DF-GAN discriminator: residual down-sampling blocks and a one-way output reading the image features beside the sentence");
    registry.register(
        Role.LOSS,
        "hinge",
        HingeLossSettings.class,
        HingeLoss.class,
        "hinge GAN loss with DF-GAN's matching-aware gradient penalty (MA-GP)");
    registry.register(
        Role.LOSS,
        "gan",
        GanLossSettings.class,
        GanLoss.class,
        "binary cross-entropy GAN loss: non-saturating or minimax, matching-aware, blurred fakes");
    registry.register(
        Role.LOSS,
        "l2",
        L2LossSettings.class,
        L2Loss.class,
        "Euclidean loss between generated and real images (the GNN's)");
    registry.register(
        Role.LOSS,
        "weighted",
        WeightedLossSettings.class,
        WeightedLoss.class,
        "a lambda-weighted sum of losses, such as adversarial + lambda * l2");
  }
}
