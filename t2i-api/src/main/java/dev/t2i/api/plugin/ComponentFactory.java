package dev.t2i.api.plugin;

/**
 * Builds a component from its settings exactly as the configured ones are built: the registered
 * implementation, by Guice, with the same bindings. Inject it to build nested components, such as
 * the terms of a weighted loss.
 */
public interface ComponentFactory {

  /**
   * Builds the component {@code settings} describe.
   *
   * @throws PluginException if no plugin registered {@code settings}' class for {@code type}
   */
  <T> T create(Class<T> type, Object settings);
}
