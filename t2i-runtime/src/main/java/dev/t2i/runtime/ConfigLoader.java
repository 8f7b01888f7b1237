package dev.t2i.runtime;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.t2i.api.InvalidSettingException;
import dev.t2i.api.InvariantViolation;
import dev.t2i.api.plugin.ComponentType;
import dev.t2i.api.plugin.Role;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads YAML configuration into settings records, and writes resolved settings back.
 *
 * <p>Polymorphic settings use {@code type:} ids, and the only ids are the names that plugins
 * registered: there is no default typing, so a document can never name a Java class. Unknown
 * fields, duplicate keys, wrong value types and failed validations are errors that name the file,
 * line, column and field, and what is allowed. Documents over {@value #MAX_BYTES} bytes, with more
 * than {@value #MAX_ALIASES} aliases, or nested deeper than {@value #MAX_DEPTH} are refused before
 * they can exhaust memory.
 */
public final class ConfigLoader {
  /** Largest configuration file accepted. */
  public static final int MAX_BYTES = 1 << 20;

  /** Most YAML aliases accepted in one document (alias bombs expand exponentially). */
  public static final int MAX_ALIASES = 20;

  /** Deepest nesting accepted. */
  public static final int MAX_DEPTH = 64;

  private final PluginRegistry registry;
  private final ObjectMapper reader;
  private final ObjectMapper writer;
  private final LoaderOptions loaderOptions;

  public ConfigLoader(PluginRegistry registry) {
    this.registry = registry;
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowDuplicateKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowRecursiveKeys(false);
    this.loaderOptions = options;
    YAMLFactory factory =
        YAMLFactory.builder()
            .loaderOptions(options)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_BYTES)
                    .build())
            .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();
    YAMLMapper mapper =
        YAMLMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();
    for (ComponentType type : registry.allTypes()) {
      mapper.registerSubtypes(new NamedType(type.settings(), type.name()));
    }
    mapper.registerModule(PathModule.create());
    this.reader = mapper;
    this.writer =
        mapper
            .copy()
            .setSerializationInclusion(
                com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
  }

  /** The plugins whose names this loader accepts. */
  public PluginRegistry registry() {
    return registry;
  }

  /** Reads a YAML file into {@code type}. */
  public <T> T read(Path file, Class<T> type) throws ConfigException {
    String name = file.toString();
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new ConfigException(
            name,
            0,
            0,
            "file is " + size + " bytes; a configuration may have at most " + MAX_BYTES,
            null);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name, 0, 0, "no such file", e);
    } catch (IOException e) {
      throw new ConfigException(name, 0, 0, "cannot read: " + e.getMessage(), e);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(
          name, 0, 0, "not UTF-8 text; a configuration is a UTF-8 YAML file", e);
    }
    return read(text, name, type);
  }

  /** Reads YAML text into {@code type}; {@code source} names it in messages. */
  public <T> T read(String yaml, String source, Class<T> type) throws ConfigException {
    if (yaml.length() > MAX_BYTES) {
      throw new ConfigException(
          source, 0, 0, "document is longer than " + MAX_BYTES + " characters", null);
    }
    if (yaml.isBlank()
        || yaml.lines()
            .allMatch(l -> l.isBlank() || l.trim().startsWith("#") || l.trim().equals("---"))) {
      throw new ConfigException(
          source,
          0,
          0,
          "empty configuration; expected a mapping with the fields " + fieldsOf(type),
          null);
    }
    rejectAliases(source, yaml);
    try {
      T value = reader.readValue(yaml, type);
      if (value == null) {
        throw new ConfigException(
            source,
            1,
            1,
            "empty configuration; expected a mapping with the fields " + fieldsOf(type),
            null);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw translate(source, yaml, e, type);
    } catch (YAMLException e) {
      throw yamlProblem(source, e);
    }
  }

  /**
   * Refuses YAML aliases ({@code *name}): Jackson reads an alias as the plain string of its name,
   * which would silently misread a configuration, and aliases are how "billion laughs" documents
   * explode. Refuses a second document ({@code ---}), which would be ignored. Also reports syntax
   * errors with SnakeYAML's own marks.
   */
  private void rejectAliases(String source, String yaml) throws ConfigException {
    org.yaml.snakeyaml.Yaml snake = new org.yaml.snakeyaml.Yaml(loaderOptions);
    int documents = 0;
    try {
      for (org.yaml.snakeyaml.events.Event event : snake.parse(new java.io.StringReader(yaml))) {
        if (event instanceof org.yaml.snakeyaml.events.DocumentStartEvent start
            && ++documents > 1) {
          // Jackson would read the first document and drop the rest without a word.
          Mark m = start.getStartMark();
          throw new ConfigException(
              source,
              m.getLine() + 1,
              m.getColumn() + 1,
              "a second YAML document starts here; a configuration is one document: "
                  + "put each in its own file",
              null);
        }
        if (event instanceof org.yaml.snakeyaml.events.AliasEvent alias) {
          Mark m = alias.getStartMark();
          throw new ConfigException(
              source,
              m.getLine() + 1,
              m.getColumn() + 1,
              "YAML aliases (*"
                  + alias.getAnchor()
                  + ") are not supported in a configuration; write the value out",
              null);
        }
      }
    } catch (YAMLException e) {
      throw yamlProblem(source, e);
    }
  }

  /** The resolved settings as YAML, with every default filled in and {@code type:} ids. */
  public String write(Object settings) {
    try {
      return writer.writeValueAsString(settings);
    } catch (JsonProcessingException e) {
      throw new InvariantViolation("cannot write settings " + settings + ": " + e.getMessage(), e);
    }
  }

  /** Converts a YAML tree or map into settings, as {@link #read} would. */
  public <T> T convert(Object tree, Class<T> type) {
    return reader.convertValue(tree, type);
  }

  /** A JSON mapper that knows the same type ids, for machine-readable reports. */
  public ObjectMapper jsonMapper() {
    JsonMapper json = JsonMapper.builder().build();
    for (ComponentType t : registry.allTypes()) {
      json.registerSubtypes(new NamedType(t.settings(), t.name()));
    }
    json.registerModule(PathModule.create());
    return json;
  }

  private ConfigException yamlProblem(String source, YAMLException e) {
    int line = 0;
    int column = 0;
    String problem = e.getMessage();
    if (e instanceof MarkedYAMLException m) {
      Mark mark = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
      if (mark != null) {
        line = mark.getLine() + 1;
        column = mark.getColumn() + 1;
      }
      problem = m.getProblem() != null ? m.getProblem() : problem;
    }
    return new ConfigException(source, line, column, "not valid YAML: " + oneLine(problem), e);
  }

  private ConfigException translate(
      String source, String yaml, JsonProcessingException e, Class<?> rootType) {
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof YAMLException y) {
        return yamlProblem(source, y);
      }
    }
    JsonLocation loc = e.getLocation();
    int line = loc != null ? Math.max(loc.getLineNr(), 0) : 0;
    int column = loc != null ? Math.max(loc.getColumnNr(), 0) : 0;
    List<YamlLocator.Step> steps = e instanceof JsonMappingException m ? steps(m) : List.of();
    String path = pathText(steps);
    String where = path.isEmpty() ? "" : path + ": ";
    YamlLocator locator = new YamlLocator(reader.getFactory(), yaml);
    Optional<YamlLocator.Found> found = locator.find(steps);
    String problem;
    if (e instanceof InvalidTypeIdException t) {
      problem = typeIdProblem(t, path);
      List<YamlLocator.Step> typeKey = new java.util.ArrayList<>(steps);
      typeKey.add(YamlLocator.Step.field("type"));
      Optional<YamlLocator.Found> at = locator.find(typeKey);
      if (at.isPresent()) {
        found = at;
      }
    } else if (e instanceof UnrecognizedPropertyException u) {
      problem =
          unknownField(
              u.getPropertyName(),
              steps.subList(0, Math.max(steps.size() - 1, 0)),
              u.getKnownPropertyIds().stream().map(Object::toString).toList());
    } else if (e instanceof ValueInstantiationException v) {
      Class<?> failed = v.getType() != null ? v.getType().getRawClass() : rootType;
      List<String> allowed = fieldNames(failed);
      Optional<YamlLocator.Found> typo = locator.unknownKey(steps, allowed);
      if (typo.isPresent()) {
        // A typo in a key is the likely cause of the failed validation: report it first.
        found = typo;
        problem = unknownField(typo.get().text(), steps, allowed);
      } else {
        Throwable cause = v.getCause() != null ? v.getCause() : v;
        String message = oneLine(cause.getMessage());
        // Paths in the file, never Java type names: the reader wrote YAML, not ExperimentConfig.
        String target = path.isEmpty() ? "the top level" : path;
        problem = target + ": " + message;
        // The record says which field it refused; otherwise the error points at the record.
        if (cause instanceof InvalidSettingException invalid && allowed.contains(invalid.field())) {
          List<YamlLocator.Step> field = new java.util.ArrayList<>(steps);
          field.add(YamlLocator.Step.field(invalid.field()));
          Optional<YamlLocator.Found> at = locator.find(field);
          if (at.isPresent()) {
            found = at;
          }
        }
      }
    } else if (e instanceof MismatchedInputException m) {
      Class<?> target = m.getTargetType();
      String got = found.map(YamlLocator.Found::text).map(s -> ", got '" + s + "'").orElse("");
      if (target != null && path.isEmpty() && target == rootType) {
        problem = "expected a mapping with the fields " + fieldsOf(rootType);
      } else if (target != null) {
        problem = where + "expected " + expected(target) + got;
      } else {
        problem = where + oneLine(m.getOriginalMessage());
      }
    } else {
      String msg = e.getOriginalMessage();
      if (msg != null && msg.startsWith("Duplicate field")) {
        problem = where + "duplicate key: " + msg.replace("Duplicate field ", "");
      } else if (msg != null && msg.startsWith("Malformed numeric value")) {
        // Valid YAML (.nan, .inf) that no setting accepts: say what it is, not "not valid YAML".
        String value = msg.replaceFirst("^Malformed numeric value '?", "").replaceFirst("'.*$", "");
        boolean special = value.toLowerCase(java.util.Locale.ROOT).matches("[-+]?\\.(nan|inf)");
        problem =
            where
                + "expected a finite number, got '"
                + value
                + "'"
                + (special ? " (YAML's not-a-number or infinity)" : "");
      } else {
        problem = where + "not valid YAML: " + oneLine(msg);
      }
    }
    if (found.isPresent()) {
      line = found.get().line();
      column = found.get().column();
    }
    return new ConfigException(source, line, column, problem, e);
  }

  private static String unknownField(
      String name, List<YamlLocator.Step> parent, Collection<String> allowed) {
    String where = parent.isEmpty() ? " at the top level" : " in '" + pathText(parent) + "'";
    return String.format(
        "unknown field '%s'%s; allowed: %s",
        name, where, allowed.stream().sorted().collect(Collectors.joining(", ")));
  }

  /** The YAML keys a settings class accepts: its record components, and 'type' if polymorphic. */
  private static List<String> fieldNames(Class<?> type) {
    List<String> names = new java.util.ArrayList<>();
    if (type.isRecord()) {
      for (var c : type.getRecordComponents()) {
        var p = c.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        names.add(p != null && !p.value().isEmpty() ? p.value() : c.getName());
      }
    }
    if (Role.ofSettings(type).isPresent()) {
      names.add("type");
    }
    return names;
  }

  private String typeIdProblem(InvalidTypeIdException t, String path) {
    JavaType base = t.getBaseType();
    Optional<Role> role = base != null ? Role.ofSettings(base.getRawClass()) : Optional.empty();
    // A nested component (generator.network) is named by its path, a top-level one by its role.
    String roleName =
        path.contains(".") || role.isEmpty()
            ? (path.isEmpty() ? "component" : path)
            : role.get().key();
    String known = role.map(r -> String.join(", ", registry.names(r))).orElse("");
    if (known.isEmpty()) {
      known = "(none registered)";
    }
    String id = t.getTypeId();
    if (id == null || id.isBlank()) {
      return String.format("%s needs a 'type'; known: %s", roleName, known);
    }
    String hint =
        id.contains(".") || id.contains("$")
            ? " (type ids are names registered by plugins, never class names)"
            : "";
    return String.format("unknown %s type '%s'%s; known: %s", roleName, id, hint, known);
  }

  private static List<YamlLocator.Step> steps(JsonMappingException e) {
    List<YamlLocator.Step> out = new java.util.ArrayList<>();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        out.add(YamlLocator.Step.field(r.getFieldName()));
      } else if (r.getIndex() >= 0) {
        out.add(YamlLocator.Step.index(r.getIndex()));
      }
    }
    return out;
  }

  private static String pathText(List<YamlLocator.Step> steps) {
    StringBuilder sb = new StringBuilder();
    for (YamlLocator.Step s : steps) {
      if (s.name() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(s.name());
      } else {
        sb.append('[').append(s.index()).append(']');
      }
    }
    return sb.toString();
  }

  private static String describe(JavaType type) {
    return type != null ? type.getRawClass().getSimpleName() : "value";
  }

  /** A reader's name for what a Java type accepts in YAML. */
  static String expected(Class<?> type) {
    if (type == null) {
      return "a value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class
        || type == double.class
        || type == Float.class
        || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Path.class) {
      return "a path";
    }
    if (type.isEnum()) {
      return "one of " + enumValues(type);
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord() || type.isInterface()) {
      return "a mapping";
    }
    return "a " + type.getSimpleName();
  }

  private static String enumValues(Class<?> type) {
    return java.util.Arrays.stream(type.getEnumConstants())
        .map(
            c -> {
              try {
                var f = type.getField(((Enum<?>) c).name());
                var p = f.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                return p != null ? p.value() : ((Enum<?>) c).name().toLowerCase(Locale.ROOT);
              } catch (NoSuchFieldException ex) {
                return c.toString();
              }
            })
        .collect(Collectors.joining(", "));
  }

  private String fieldsOf(Class<?> type) {
    if (type.isRecord()) {
      return java.util.Arrays.stream(type.getRecordComponents())
          .map(java.lang.reflect.RecordComponent::getName)
          .collect(Collectors.joining(", "));
    }
    return "of " + type.getSimpleName();
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String first = s.strip();
    int nl = first.indexOf('\n');
    if (nl > 0) {
      first = first.substring(0, nl);
    }
    int at = first.indexOf(" at [Source");
    return at > 0 ? first.substring(0, at) : first;
  }

  /** Lists the allowed names of a role, for messages outside the loader. */
  public String known(Role role) {
    List<String> names = registry.names(role);
    return names.isEmpty() ? "(none registered)" : String.join(", ", names);
  }
}
