package dev.t2i.training.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.t2i.api.InvariantViolation;
import dev.t2i.api.train.RunOutcome;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's {@code provenance.json}: where, when and how it was made. A training run writes the facts
 * of its start once (versions, machine, seed, data) and one entry per segment under {@code
 * segments}: a resumed run appends its own, with its machine, first and last step, outcome and
 * seconds, and keeps what came before.
 */
public final class ProvenanceFile {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;

  public ProvenanceFile(Path file) {
    this.file = file;
  }

  /** The time, versions and machine of this process. */
  public static Map<String, Object> thisMachine() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("time", Instant.now().toString());
    p.put("t2i", RunDirectory.version());
    p.put("tensorflow", tensorflowVersion());
    p.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    p.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    p.put("cpu", cpuModel());
    p.put("processors", Runtime.getRuntime().availableProcessors());
    p.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
    return p;
  }

  /** Writes this machine's facts and {@code facts}, replacing the file. */
  public void write(Map<String, Object> facts) throws IOException {
    Map<String, Object> p = thisMachine();
    p.putAll(facts);
    RunDirectory.writeAtomically(file, JSON.writeValueAsString(p));
  }

  /**
   * Records that a training segment starts at {@code fromStep}: in a new file with the machine's
   * facts and {@code facts} at the top, or appended to the segments of an existing one.
   */
  public void beginSegment(Map<String, Object> facts, long fromStep) throws IOException {
    ObjectNode root;
    if (Files.exists(file)) {
      root = (ObjectNode) read();
    } else {
      Map<String, Object> p = thisMachine();
      p.putAll(facts);
      root = JSON.valueToTree(p);
    }
    Map<String, Object> segment = new LinkedHashMap<>();
    segment.put("started", Instant.now().toString());
    segment.put("fromStep", fromStep);
    thisMachine()
        .forEach(
            (k, v) -> {
              if (!k.equals("time")) {
                segment.put(k, v);
              }
            });
    segment.putAll(facts);
    segments(root).add(JSON.valueToTree(segment));
    RunDirectory.writeAtomically(file, JSON.writeValueAsString(root));
  }

  /** Completes the last segment: its last step, how it ended, and its seconds of training. */
  public void endSegment(long toStep, RunOutcome outcome, double seconds) throws IOException {
    ObjectNode root = (ObjectNode) read();
    ArrayNode segments = segments(root);
    if (segments.isEmpty()) {
      throw new InvariantViolation(file + " has no segment to end");
    }
    ObjectNode last = (ObjectNode) segments.get(segments.size() - 1);
    last.put("ended", Instant.now().toString());
    last.put("toStep", toStep);
    last.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
    last.put("seconds", Math.round(seconds * 10) / 10.0);
    RunDirectory.writeAtomically(file, JSON.writeValueAsString(root));
  }

  private JsonNode read() throws IOException {
    try {
      JsonNode n = JSON.readTree(file.toFile());
      if (n == null || !n.isObject()) {
        throw new IOException(file + ": expected a JSON object");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(
          file
              + " does not read as JSON ("
              + e.getOriginalMessage()
              + "); move it away to start a new record",
          e);
    }
  }

  private static ArrayNode segments(ObjectNode root) {
    JsonNode s = root.get("segments");
    return s instanceof ArrayNode a ? a : root.putArray("segments");
  }

  /** The processor's model name (Linux's /proc/cpuinfo), or the architecture elsewhere. */
  static String cpuModel() {
    Path info = Path.of("/proc/cpuinfo");
    try (var lines = Files.lines(info)) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse(System.getProperty("os.arch"));
    } catch (IOException | java.io.UncheckedIOException e) {
      return System.getProperty("os.arch");
    }
  }

  private static String tensorflowVersion() {
    try {
      return org.tensorflow.TensorFlow.version();
    } catch (RuntimeException | LinkageError e) {
      return "unknown";
    }
  }
}
