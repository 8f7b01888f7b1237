package dev.t2i.runtime;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.plugin.ComponentType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Describes a component's settings from the record itself: each field with its type, its default
 * and its documentation ({@link JsonPropertyDescription}), so that every option is discoverable
 * from {@code t2i plugins --describe NAME}.
 */
public final class SettingsDescriber {

  /** One settings field. */
  public record Field(String name, String type, String defaultValue, String description) {}

  private final ConfigLoader loader;

  public SettingsDescriber(ConfigLoader loader) {
    this.loader = loader;
  }

  /** The fields of a type's settings, in declaration order. */
  public List<Field> describe(ComponentType type) {
    Object defaults = defaults(type);
    Map<?, ?> values = defaults != null ? loader.jsonMapper().convertValue(defaults, Map.class) : Map.of();
    List<Field> out = new ArrayList<>();
    Class<?> settings = type.settings();
    if (!settings.isRecord()) {
      return out;
    }
    for (RecordComponent c : settings.getRecordComponents()) {
      JsonPropertyDescription d = c.getAnnotation(JsonPropertyDescription.class);
      if (d == null) {
        try {
          d = settings.getDeclaredField(c.getName()).getAnnotation(JsonPropertyDescription.class);
        } catch (NoSuchFieldException e) {
          d = null;
        }
      }
      Object value = values.get(c.getName());
      out.add(
          new Field(
              c.getName(),
              ConfigLoader.expected(c.getType()),
              defaults == null ? "?" : value == null ? "(required)" : value.toString(),
              d != null ? d.value() : ""));
    }
    return out;
  }

  /** The settings with every default, or null if some field is required. */
  public Object defaults(ComponentType type) {
    try {
      return loader.convert(Map.of("type", type.name()), type.role().settingsType());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
