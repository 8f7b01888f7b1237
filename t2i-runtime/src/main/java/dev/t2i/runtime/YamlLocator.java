package dev.t2i.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds where a path such as {@code generator.ngf} or {@code training.captions[2]} stands in a YAML
 * document, by scanning its tokens.
 *
 * <p>Jackson reports some errors where its parser happens to be (often the end of the enclosing
 * mapping); this gives the line and column of the field itself.
 */
final class YamlLocator {

  /** Where a key or list item stands, and its scalar text if it has one. */
  record Found(int line, int column, String text) {}

  /** One step of a path: a field name, or a list index when {@code name} is null. */
  record Step(String name, int index) {
    static Step field(String name) {
      return new Step(name, -1);
    }

    static Step index(int index) {
      return new Step(null, index);
    }
  }

  /** A mapping or list being scanned, and where in it the scan is. */
  private static final class Frame {
    final boolean list;
    String key;
    int index = -1;

    Frame(boolean list) {
      this.list = list;
    }

    Step step() {
      return list ? Step.index(index) : Step.field(key);
    }
  }

  private final JsonFactory factory;
  private final String yaml;

  YamlLocator(JsonFactory factory, String yaml) {
    this.factory = factory;
    this.yaml = yaml;
  }

  /** The location of {@code path}: its key, or its item in a list. */
  Optional<Found> find(List<Step> path) {
    if (path.isEmpty()) {
      return Optional.empty();
    }
    return scan(steps -> steps.equals(path), false);
  }

  /**
   * The first key of the mapping at {@code path} that is not in {@code allowed}: a typo that a
   * failed validation of the same mapping would otherwise hide. Its text is the key.
   */
  Optional<Found> unknownKey(List<Step> path, Collection<String> allowed) {
    return scan(
        steps ->
            steps.size() == path.size() + 1
                && steps.subList(0, path.size()).equals(path)
                && steps.get(path.size()).name() != null
                && !allowed.contains(steps.get(path.size()).name()),
        true);
  }

  private Optional<Found> scan(Predicate<List<Step>> wanted, boolean keysOnly) {
    List<Frame> stack = new ArrayList<>();
    try (JsonParser p = factory.createParser(yaml)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          Frame top = stack.get(stack.size() - 1);
          top.key = p.currentName();
          if (wanted.test(steps(stack))) {
            JsonLocation l = p.currentTokenLocation();
            String text = p.currentName();
            if (!keysOnly) {
              JsonToken value = p.nextToken();
              text = value != null && value.isScalarValue() ? p.getText() : null;
            }
            return Optional.of(new Found(l.getLineNr(), l.getColumnNr(), text));
          }
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          stack.remove(stack.size() - 1);
          continue;
        }
        // A value starts: inside a list it is the next item.
        if (!stack.isEmpty() && stack.get(stack.size() - 1).list) {
          Frame top = stack.get(stack.size() - 1);
          top.index++;
          if (!keysOnly && wanted.test(steps(stack))) {
            JsonLocation l = p.currentTokenLocation();
            return Optional.of(
                new Found(l.getLineNr(), l.getColumnNr(), t.isScalarValue() ? p.getText() : null));
          }
        }
        if (t == JsonToken.START_OBJECT) {
          stack.add(new Frame(false));
        } else if (t == JsonToken.START_ARRAY) {
          stack.add(new Frame(true));
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static List<Step> steps(List<Frame> stack) {
    List<Step> out = new ArrayList<>(stack.size());
    for (Frame f : stack) {
      out.add(f.step());
    }
    return out;
  }
}
