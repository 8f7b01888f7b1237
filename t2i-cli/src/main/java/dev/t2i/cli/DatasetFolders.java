package dev.t2i.cli;

import dev.t2i.api.RunContext;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.plugin.Role;
import dev.t2i.runtime.ComponentAssembler;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Recognises a data set's folder by its layout, for commands that take a folder instead of a YAML
 * file.
 */
final class DatasetFolders {
  private DatasetFolders() {}

  /** The data set type id of a folder's layout. */
  static String type(Path dir) {
    if (Files.isDirectory(dir.resolve("jpg")) && Files.isDirectory(dir.resolve("text_c10"))) {
      return "oxford102";
    }
    if (Files.isRegularFile(dir.resolve("images.txt"))
        && Files.isDirectory(dir.resolve("images"))) {
      return "cub200";
    }
    if (Files.isRegularFile(dir.resolve("results_20130124.token"))
        || Files.isRegularFile(dir.resolve("results.csv"))) {
      return "flickr30k";
    }
    throw new IllegalArgumentException(
        dir
            + ": not a data set folder t2i recognises; expected Oxford-102 (jpg/ and text_c10/), "
            + "CUB-200-2011 (images.txt and images/) or Flickr30k (results_20130124.token or results.csv). "
            + "For another layout, write an experiment YAML with a dataset section and pass that file");
  }

  /** The folder's index, read with the data set type's default settings. */
  static DatasetIndex index(Path dir, PluginRegistry registry) {
    String type = type(dir);
    Object settings =
        new ConfigLoader(registry)
            .convert(Map.of("type", type, "root", dir.toString()), Role.DATASET.settingsType());
    Map<Role, Object> components = new EnumMap<>(Role.class);
    components.put(Role.DATASET, settings);
    var injector =
        new ComponentAssembler(registry).injector(new RunContext(0, dir, true), components);
    return ComponentAssembler.get(injector, DatasetIndex.class);
  }
}
