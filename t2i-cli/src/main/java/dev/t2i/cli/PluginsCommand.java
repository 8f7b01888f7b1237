package dev.t2i.cli;

import dev.t2i.api.plugin.ComponentType;
import dev.t2i.api.plugin.Role;
import dev.t2i.runtime.ConfigLoader;
import dev.t2i.runtime.PluginRegistry;
import dev.t2i.runtime.SettingsDescriber;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code t2i plugins}: every registered type per interface, or one type's settings. */
@Command(
    name = "plugins",
    mixinStandardHelpOptions = true,
    description =
        "List every registered component type, per interface; --describe NAME shows a type's settings with their defaults.")
final class PluginsCommand implements Callable<Integer> {
  @CommandLine.ParentCommand T2i parent;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--describe",
      paramLabel = "NAME",
      description = "Show the settings of this type (all roles that have it).")
  String describe;

  @Override
  public Integer call() throws Exception {
    PluginRegistry registry = parent.registry();
    PrintWriter out = spec.commandLine().getOut();
    if (describe != null) {
      SettingsDescriber describer = new SettingsDescriber(new ConfigLoader(registry));
      List<ComponentType> matches =
          registry.allTypes().stream().filter(t -> t.name().equals(describe)).toList();
      if (matches.isEmpty()) {
        throw new IllegalArgumentException(
            "no type named '" + describe + "'; run 't2i plugins' for the list");
      }
      for (ComponentType t : matches) {
        out.printf(
            "%s type '%s' (plugin %s): %s%n",
            t.role().key(), t.name(), registry.pluginOf(t).name(), t.summary());
        for (SettingsDescriber.Field f : describer.describe(t)) {
          String value = f.required() ? "required" : "default " + f.defaultValue();
          out.printf("  %-22s %-20s %s [%s]%n", f.name(), value, f.description(), f.type());
        }
        out.println();
      }
      return ExitCodes.OK;
    }
    for (Role role : Role.values()) {
      out.println(role.key() + " (" + role.componentType().getSimpleName() + "):");
      for (ComponentType t : registry.types(role)) {
        out.printf("  %-20s %s  [%s]%n", t.name(), t.summary(), registry.pluginOf(t).name());
      }
    }
    out.println();
    out.println("plugins: " + registry.plugins().stream().map(p -> p.name()).toList());
    return ExitCodes.OK;
  }
}
