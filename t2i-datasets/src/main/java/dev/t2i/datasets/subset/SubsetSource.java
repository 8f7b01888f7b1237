package dev.t2i.datasets.subset;

import dev.t2i.api.data.DatasetException;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.Example;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.api.plugin.ComponentFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** {@code subset}: the examples of another data set whose class or cluster is selected. */
public final class SubsetSource implements ImageCaptionSource {
  private final SubsetSettings settings;
  private final ComponentFactory factory;

  @Inject
  public SubsetSource(SubsetSettings settings, ComponentFactory factory) {
    this.settings = settings;
    this.factory = factory;
  }

  @Override
  public DatasetIndex load() throws IOException {
    DatasetIndex all = factory.create(ImageCaptionSource.class, settings.source()).load();
    List<Example> kept = all.examples();
    Map<String, String> provenance = new LinkedHashMap<>(all.provenance());
    if (!settings.classes().isEmpty()) {
      Set<Integer> classes = ClassSelector.resolve(settings.classes(), all);
      kept = kept.stream().filter(e -> classes.contains(e.classId())).toList();
      provenance.put("subset.classes", classes.toString());
    }
    if (!settings.clusters().isEmpty()) {
      Map<String, Integer> assigned = ClusterAssignments.read(settings.assignments());
      if (all.examples().stream().noneMatch(e -> assigned.containsKey(e.id()))) {
        throw new DatasetException(
            settings.assignments()
                + ": none of its "
                + assigned.size()
                + " images is in "
                + all.name()
                + "; was it written for another data set?");
      }
      Set<Integer> known = new TreeSet<>(assigned.values());
      for (int c : settings.clusters()) {
        if (!known.contains(c)) {
          throw new DatasetException(
              "subset.clusters: cluster "
                  + c
                  + " is not in "
                  + settings.assignments()
                  + "; its clusters are "
                  + known);
        }
      }
      Set<Integer> wanted = Set.copyOf(settings.clusters());
      kept = kept.stream().filter(e -> wanted.contains(assigned.getOrDefault(e.id(), -1))).toList();
      provenance.put("subset.assignments", settings.assignments().toString());
      provenance.put(
          "subset.clusters",
          settings.clusters().stream()
              .map(String::valueOf)
              .collect(Collectors.joining(",", "[", "]")));
    }
    if (kept.isEmpty()) {
      throw new DatasetException(
          "subset: the selection leaves no image of "
              + all.name()
              + " ("
              + all.examples().size()
              + " images)");
    }
    provenance.put("subset.examples", kept.size() + " of " + all.examples().size());
    return new DatasetIndex(all.name(), kept, all.classNames(), all.skipped(), provenance);
  }
}
