package dev.t2i.api.plugin;

import com.google.inject.Module;
import java.util.List;

/**
 * A set of components, found by {@link java.util.ServiceLoader}.
 *
 * <p>List the implementing class in {@code META-INF/services/dev.t2i.api.plugin.T2iPlugin}. It
 * needs a public no-argument constructor, and should do nothing heavy in it.
 */
public interface T2iPlugin {

  /** The plugin's name, for messages: {@code t2i-models}, {@code acme-encoders}. */
  String name();

  /** Registers this plugin's component types. */
  void register(ComponentRegistry registry);

  /** Guice modules with bindings this plugin's components inject; none by default. */
  default List<Module> modules() {
    return List.of();
  }
}
