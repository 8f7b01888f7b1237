package dev.t2i.api.plugin;

/** What a plugin registers its component types with. */
public interface ComponentRegistry {

  /**
   * Registers a component type.
   *
   * @throws PluginException if another plugin registered the same name for the same role
   */
  void register(ComponentType type);

  /** Shorthand for {@code register(new ComponentType(...))}. */
  default void register(
      Role role, String name, Class<?> settings, Class<?> implementation, String summary) {
    register(new ComponentType(role, name, settings, implementation, summary));
  }
}
