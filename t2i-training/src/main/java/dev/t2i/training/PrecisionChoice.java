package dev.t2i.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.t2i.api.Precision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code training.precision}: what a run's convolutions and matrix products compute in. {@code
 * auto} is bfloat16 where the processor has bfloat16 instructions ({@code avx512_bf16} or {@code
 * amx_bf16} in {@code /proc/cpuinfo}), float32 elsewhere.
 */
public enum PrecisionChoice {
  @JsonProperty("float32")
  FLOAT32,
  @JsonProperty("bfloat16")
  BFLOAT16,
  @JsonProperty("auto")
  AUTO;

  /** The flags of {@code /proc/cpuinfo} that mean bfloat16 products run in hardware. */
  static final Set<String> BFLOAT16_FLAGS = Set.of("avx512_bf16", "amx_bf16");

  /** The precision this choice means on this machine. */
  public Precision resolve() {
    return resolve(cpuFlags());
  }

  /** The precision this choice means on a processor with {@code flags}. */
  public Precision resolve(Set<String> flags) {
    return switch (this) {
      case FLOAT32 -> Precision.FLOAT32;
      case BFLOAT16 -> Precision.BFLOAT16;
      case AUTO ->
          flags.stream().anyMatch(BFLOAT16_FLAGS::contains)
              ? Precision.BFLOAT16
              : Precision.FLOAT32;
    };
  }

  /** Why {@link #resolve()} chose what it did, for the log and provenance. */
  public String reason() {
    Set<String> present =
        cpuFlags().stream()
            .filter(BFLOAT16_FLAGS::contains)
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    return switch (this) {
      case FLOAT32, BFLOAT16 -> "training.precision: " + name().toLowerCase(java.util.Locale.ROOT);
      case AUTO ->
          present.isEmpty()
              ? "auto: the processor reports no avx512_bf16 or amx_bf16"
              : "auto: the processor reports " + String.join(" and ", present);
    };
  }

  /**
   * The flags of the first processor in {@code /proc/cpuinfo}; empty where there is none (not
   * Linux).
   */
  static Set<String> cpuFlags() {
    Path info = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(info)) {
      return Set.of();
    }
    try (var lines = Files.lines(info)) {
      return lines
          .filter(l -> l.startsWith("flags"))
          .findFirst()
          .map(l -> Set.of(Pattern.compile("\\s+").split(l.substring(l.indexOf(':') + 1).strip())))
          .orElse(Set.of());
    } catch (IOException | UncheckedIOException e) {
      return Set.of();
    }
  }
}
