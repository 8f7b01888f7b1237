package dev.t2i.api.plugin;

import dev.t2i.api.Checks;

/**
 * A named implementation of a role.
 *
 * <p>Guice builds the implementation: it must have one constructor annotated with {@code
 * jakarta.inject.Inject}, which may take its settings record, the {@link dev.t2i.api.RunContext},
 * other components of the experiment, and anything the plugin's Guice modules bind.
 *
 * @param role what it is
 * @param name its YAML type id, such as {@code word2vec-sum}
 * @param settings its settings record, implementing the role's {@code Settings} interface
 * @param implementation the class Guice builds, implementing the role's interface
 * @param summary one line for {@code t2i plugins}
 */
public record ComponentType(
    Role role, String name, Class<?> settings, Class<?> implementation, String summary) {
  public ComponentType {
    Checks.required("role", role);
    Checks.identifier("name", name);
    Checks.required("settings", settings);
    Checks.required("implementation", implementation);
    Checks.required("summary", summary);
    if (!role.settingsType().isAssignableFrom(settings)) {
      throw new IllegalArgumentException(
          settings.getName() + " must implement " + role.settingsType().getCanonicalName());
    }
    if (!role.componentType().isAssignableFrom(implementation)) {
      throw new IllegalArgumentException(
          implementation.getName() + " must implement " + role.componentType().getName());
    }
  }
}
