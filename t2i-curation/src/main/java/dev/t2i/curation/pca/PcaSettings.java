package dev.t2i.curation.pca;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;

/**
 * Settings of the principal component analysis that precedes clustering.
 *
 * @param components dimensions kept; 0 keeps the features as they are
 * @param tolerance subspace iteration stops when no kept eigenvalue moves by more than this,
 *     relatively
 * @param maxIterations subspace iterations at most
 * @param chunkRows rows read and multiplied at once; bounds memory with the dimension
 */
public record PcaSettings(
    @JsonPropertyDescription("dimensions kept; 0 keeps the features as they are")
        Integer components,
    @JsonPropertyDescription(
            "relative change of the kept eigenvalues at which subspace iteration stops")
        Double tolerance,
    @JsonPropertyDescription("subspace iterations at most") Integer maxIterations,
    @JsonPropertyDescription("rows read and multiplied at once") Integer chunkRows) {

  public PcaSettings {
    components = Checks.nonNegative("components", Checks.orDefault(components, 64));
    tolerance = Checks.positive("tolerance", Checks.orDefault(tolerance, 1e-6));
    maxIterations = Checks.positive("maxIterations", Checks.orDefault(maxIterations, 100));
    chunkRows = Checks.positive("chunkRows", Checks.orDefault(chunkRows, 4096));
  }

  /** Every default. */
  public static PcaSettings defaults() {
    return new PcaSettings(null, null, null, null);
  }
}
