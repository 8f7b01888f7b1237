package dev.t2i.datasets.synthetic;

import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.api.data.ImageRef;
import dev.t2i.api.data.Split;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code synthetic-flowers}: the embedded default data set, in memory. The index holds captions and
 * attributes; images are rendered when a batch reads them. Its classes are the 33 (petal, centre)
 * colour pairs.
 */
public final class SyntheticFlowersSource implements ImageCaptionSource {
  /**
   * The attribute holding the sentence form of each caption, comma-separated in caption order (see
   * {@link SyntheticFlowers#isHeldOutForm}).
   */
  public static final String CAPTION_FORMS = "caption_forms";

  private final SyntheticFlowersSettings settings;

  @Inject
  public SyntheticFlowersSource(SyntheticFlowersSettings settings) {
    this.settings = settings;
  }

  @Override
  public DatasetIndex load() {
    SyntheticFlowers gen = new SyntheticFlowers(settings.seed(), settings.heldOutShare());
    Map<String, Integer> classes = new LinkedHashMap<>();
    for (FlowerPalette.Colour p : FlowerPalette.PETAL_COLOURS) {
      for (FlowerPalette.Colour c : FlowerPalette.CENTRE_COLOURS) {
        if (!p.name().equals(c.name())) {
          classes.put(p.name() + "/" + c.name(), classes.size() + 1);
        }
      }
    }
    List<Example> examples =
        new ArrayList<>(settings.train() + settings.test() + settings.validation());
    add(examples, gen, Split.TRAIN, settings.train(), classes, 0);
    add(examples, gen, Split.TEST, settings.test(), classes, settings.train());
    add(
        examples,
        gen,
        Split.VALIDATION,
        settings.validation(),
        classes,
        settings.train() + settings.test());
    Map<Integer, String> names = new LinkedHashMap<>();
    classes.forEach((k, v) -> names.put(v, k));
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("generator", "synthetic-flowers");
    provenance.put("seed", Long.toString(settings.seed()));
    provenance.put("train", Integer.toString(settings.train()));
    provenance.put("test", Integer.toString(settings.test()));
    provenance.put("validation", Integer.toString(settings.validation()));
    provenance.put(
        "sentenceForms",
        SyntheticFlowers.forms()
            + ", held out of training: "
            + CaptionTemplates.SEEN
            + "-"
            + (SyntheticFlowers.forms() - 1));
    provenance.put("imageSize", Integer.toString(settings.imageSize()));
    provenance.put("heldOutPairs", FlowerPalette.HELD_OUT.toString());
    return new DatasetIndex("synthetic-flowers", examples, names, List.of(), provenance);
  }

  private void add(
      List<Example> out,
      SyntheticFlowers gen,
      Split split,
      int n,
      Map<String, Integer> classes,
      int idOffset) {
    for (int i = 0; i < n; i++) {
      Flower f = gen.flower(split, i);
      int index = i;
      ImageRef image =
          new ImageRef() {
            @Override
            public BufferedImage read() {
              return FlowerRenderer.render(gen.flower(split, index), settings.imageSize());
            }

            @Override
            public String location() {
              return "synthetic-flowers seed " + settings.seed() + " " + split.id() + " #" + index;
            }
          };
      List<CaptionTemplates.Caption> captions = gen.captions(split, i);
      Map<String, String> attributes = new LinkedHashMap<>(f.attributes());
      attributes.put(
          CAPTION_FORMS,
          String.join(",", captions.stream().map(c -> Integer.toString(c.form())).toList()));
      out.add(
          new Example(
              String.format("image_%05d", idOffset + i + 1),
              split,
              classes.get(f.petal().name() + "/" + f.centre().name()),
              captions.stream().map(CaptionTemplates.Caption::text).toList(),
              image,
              attributes));
    }
  }
}
