package dev.t2i.datasets;

import dev.t2i.api.plugin.ComponentRegistry;
import dev.t2i.api.plugin.Role;
import dev.t2i.api.plugin.T2iPlugin;
import dev.t2i.datasets.cub.Cub200Settings;
import dev.t2i.datasets.cub.Cub200Source;
import dev.t2i.datasets.flickr.Flickr30kSettings;
import dev.t2i.datasets.flickr.Flickr30kSource;
import dev.t2i.datasets.oxford.Oxford102Settings;
import dev.t2i.datasets.oxford.Oxford102Source;
import dev.t2i.datasets.subset.SubsetSettings;
import dev.t2i.datasets.subset.SubsetSource;
import dev.t2i.datasets.synthetic.SyntheticFlowersSettings;
import dev.t2i.datasets.synthetic.SyntheticFlowersSource;

/** Registers the data set loaders. */
public final class DatasetsPlugin implements T2iPlugin {

  @Override
  public String name() {
    return "t2i-datasets";
  }

  @Override
  public void register(ComponentRegistry registry) {
    registry.register(
        Role.DATASET,
        "synthetic-flowers",
        SyntheticFlowersSettings.class,
        SyntheticFlowersSource.class,
        "synthetic flowers made in memory, with known attributes (the embedded default)");
    registry.register(
        Role.DATASET,
        "oxford102",
        Oxford102Settings.class,
        Oxford102Source.class,
        "Oxford-102 Flowers with Reed et al.'s captions (jpg/, text_c10/)");
    registry.register(
        Role.DATASET,
        "cub200",
        Cub200Settings.class,
        Cub200Source.class,
        "CUB-200-2011 birds, cropped to their boxes, with Reed et al.'s captions");
    registry.register(
        Role.DATASET,
        "flickr30k",
        Flickr30kSettings.class,
        Flickr30kSource.class,
        "Flickr30k, five captions per image");
    registry.register(
        Role.DATASET,
        "subset",
        SubsetSettings.class,
        SubsetSource.class,
        "the images of another data set with the chosen classes or t2i cluster clusters");
  }
}
