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
  public record Field(String name, String type, String defaultValue, String description) {
    /** The {@link #defaultValue} of a field that has none and must be given. */
    public static final String REQUIRED = "(required)";

    public boolean required() {
      return REQUIRED.equals(defaultValue);
    }
  }

  private final ConfigLoader loader;

  public SettingsDescriber(ConfigLoader loader) {
    this.loader = loader;
  }

  /** The fields of a type's settings, in declaration order. */
  public List<Field> describe(ComponentType type) {
    java.util.Set<String> required = new java.util.HashSet<>();
    Object defaults = defaults(type, required);
    Map<?, ?> values =
        defaults != null ? loader.jsonMapper().convertValue(defaults, Map.class) : Map.of();
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
              required.contains(c.getName())
                  ? Field.REQUIRED
                  : defaults == null ? "?" : value == null ? "(none)" : value.toString(),
              d != null ? d.value() : ""));
    }
    return out;
  }

  /**
   * The defaults of the other fields when some are required: required text, path and number fields
   * are filled with a placeholder, one at a time, and named in {@code required}. Null if a required
   * field is a nested component, or its placeholder is out of its range.
   */
  private Object defaults(ComponentType type, java.util.Set<String> required) {
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    values.put("type", type.name());
    java.util.regex.Pattern missing = java.util.regex.Pattern.compile("(\\w+) is required");
    for (int attempt = 0; attempt <= type.settings().getRecordComponents().length; attempt++) {
      try {
        return loader.convert(values, type.role().settingsType());
      } catch (IllegalArgumentException e) {
        java.util.regex.Matcher m = missing.matcher(String.valueOf(e.getMessage()));
        if (!m.find()) {
          return null;
        }
        required.add(m.group(1));
        Object placeholder = placeholder(type.settings(), m.group(1));
        if (values.containsKey(m.group(1)) || placeholder == null) {
          return null;
        }
        values.put(m.group(1), placeholder);
      }
    }
    return null;
  }

  /** A value Jackson accepts for a required field, or null for a nested component. */
  private static Object placeholder(Class<?> settings, String field) {
    for (RecordComponent c : settings.getRecordComponents()) {
      if (c.getName().equals(field)) {
        Class<?> t = c.getType();
        if (t == String.class || t == java.nio.file.Path.class) {
          return "REQUIRED";
        }
        if (t == Integer.class || t == Long.class || t == Double.class || t == Float.class) {
          return 1;
        }
        return null;
      }
    }
    return null;
  }
}
