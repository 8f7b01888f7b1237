package dev.t2i.runtime;

import com.google.inject.Module;
import dev.t2i.api.plugin.ComponentRegistry;
import dev.t2i.api.plugin.ComponentType;
import dev.t2i.api.plugin.PluginException;
import dev.t2i.api.plugin.Role;
import dev.t2i.api.plugin.T2iPlugin;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The plugins found at start-up and the component types they registered.
 *
 * <p>Discovery is explicit ({@link #discover}), never a static initialiser. A name registered twice
 * for one role stops the start-up with a message naming both plugins and their jars.
 */
public final class PluginRegistry {

  /** A plugin and where it was loaded from. */
  public record PluginInfo(String name, String source, List<ComponentType> types) {}

  private record Registration(ComponentType type, PluginInfo plugin) {}

  private final List<PluginInfo> plugins;
  private final Map<Role, Map<String, Registration>> byRole;
  private final Map<Class<?>, ComponentType> bySettings;
  private final List<Module> modules;

  private PluginRegistry(List<T2iPlugin> found) {
    Map<Role, Map<String, Registration>> roles = new HashMap<>();
    Map<Class<?>, ComponentType> settings = new HashMap<>();
    List<PluginInfo> infos = new ArrayList<>();
    List<Module> mods = new ArrayList<>();
    for (T2iPlugin plugin : found) {
      List<ComponentType> types = new ArrayList<>();
      PluginInfo info = new PluginInfo(plugin.name(), sourceOf(plugin.getClass()), types);
      ComponentRegistry registry =
          type -> {
            Map<String, Registration> names =
                roles.computeIfAbsent(type.role(), r -> new LinkedHashMap<>());
            Registration previous = names.get(type.name());
            if (previous != null) {
              throw new PluginException(
                  String.format(
                      "duplicate %s type '%s': registered by plugin '%s' (%s) and by plugin '%s' (%s)",
                      type.role().key(),
                      type.name(),
                      previous.plugin.name(),
                      previous.plugin.source(),
                      info.name(),
                      info.source()));
            }
            ComponentType sameSettings = settings.get(type.settings());
            if (sameSettings != null) {
              throw new PluginException(
                  String.format(
                      "settings class %s is registered twice: as %s type '%s' and as '%s' (plugin '%s', %s)",
                      type.settings().getName(),
                      sameSettings.role().key(),
                      sameSettings.name(),
                      type.name(),
                      info.name(),
                      info.source()));
            }
            names.put(type.name(), new Registration(type, info));
            settings.put(type.settings(), type);
            types.add(type);
          };
      try {
        plugin.register(registry);
      } catch (PluginException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new PluginException(
            "plugin '"
                + plugin.name()
                + "' ("
                + info.source()
                + ") failed to register: "
                + e.getMessage(),
            e);
      }
      mods.addAll(plugin.modules());
      infos.add(info);
    }
    infos.sort(Comparator.comparing(PluginInfo::name));
    this.plugins = List.copyOf(infos);
    this.byRole = roles;
    this.bySettings = settings;
    this.modules = List.copyOf(mods);
  }

  /** Finds the plugins visible to the context class loader. */
  public static PluginRegistry discover() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return discover(loader != null ? loader : PluginRegistry.class.getClassLoader());
  }

  /** Finds the plugins that {@code loader} sees through {@code META-INF/services}. */
  public static PluginRegistry discover(ClassLoader loader) {
    List<T2iPlugin> found = new ArrayList<>();
    ServiceLoader<T2iPlugin> services = ServiceLoader.load(T2iPlugin.class, loader);
    var it = services.iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError e) {
        throw new PluginException(
            "cannot load a plugin listed in META-INF/services/"
                + T2iPlugin.class.getName()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    found.sort(Comparator.comparing(p -> p.getClass().getName()));
    return new PluginRegistry(found);
  }

  /** A registry of exactly these plugins, for tests and embedding. */
  public static PluginRegistry of(List<? extends T2iPlugin> plugins) {
    return new PluginRegistry(List.copyOf(plugins));
  }

  /** The plugins, by name. */
  public List<PluginInfo> plugins() {
    return plugins;
  }

  /** The types registered for a role, sorted by name. */
  public List<ComponentType> types(Role role) {
    List<ComponentType> out = new ArrayList<>();
    for (Registration r : byRole.getOrDefault(role, Map.of()).values()) {
      out.add(r.type);
    }
    out.sort(Comparator.comparing(ComponentType::name));
    return Collections.unmodifiableList(out);
  }

  /** The names registered for a role, sorted. */
  public List<String> names(Role role) {
    return types(role).stream().map(ComponentType::name).toList();
  }

  /** The type registered under {@code name} for {@code role}. */
  public Optional<ComponentType> find(Role role, String name) {
    Registration r = byRole.getOrDefault(role, Map.of()).get(name);
    return Optional.ofNullable(r).map(Registration::type);
  }

  /** The type whose settings record is {@code settingsClass}. */
  public Optional<ComponentType> typeOfSettings(Class<?> settingsClass) {
    return Optional.ofNullable(bySettings.get(settingsClass));
  }

  /** The plugin that registered a type. */
  public PluginInfo pluginOf(ComponentType type) {
    return byRole.get(type.role()).get(type.name()).plugin;
  }

  /** Every type of every role. */
  public List<ComponentType> allTypes() {
    List<ComponentType> out = new ArrayList<>();
    for (Role r : Role.values()) {
      out.addAll(types(r));
    }
    return out;
  }

  /** The Guice modules the plugins contributed. */
  public List<Module> modules() {
    return modules;
  }

  private static String sourceOf(Class<?> type) {
    try {
      CodeSource cs = type.getProtectionDomain().getCodeSource();
      URL url = cs != null ? cs.getLocation() : null;
      return url != null ? url.toString() : "unknown source";
    } catch (SecurityException e) {
      return "unknown source";
    }
  }
}
