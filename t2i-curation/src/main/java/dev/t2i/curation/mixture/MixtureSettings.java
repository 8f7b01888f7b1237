package dev.t2i.curation.mixture;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.t2i.api.Checks;
import java.util.List;

/**
 * Settings of the Gaussian mixture.
 *
 * @param components number of clusters (the report used 10)
 * @param covariance {@code full} or {@code diagonal}
 * @param maxIterations EM iterations at most
 * @param tolerance EM stops when the mean log-likelihood per row improves by less than this
 * @param regularization added to every variance, so that no covariance becomes singular
 * @param restarts fits from different seeds; the one with the highest likelihood is kept
 * @param bic further numbers of components to fit and compare by BIC; empty to skip
 */
public record MixtureSettings(
    @JsonPropertyDescription("number of clusters") Integer components,
    @JsonPropertyDescription("full or diagonal") CovarianceType covariance,
    @JsonPropertyDescription("EM iterations at most") Integer maxIterations,
    @JsonPropertyDescription("stop when the mean log-likelihood per row improves by less than this")
        Double tolerance,
    @JsonPropertyDescription("added to every variance so that no covariance becomes singular")
        Double regularization,
    @JsonPropertyDescription("fits from different seeds; the most likely is kept") Integer restarts,
    @JsonPropertyDescription("numbers of components to compare by BIC, such as [5, 10, 20]")
        List<Integer> bic) {

  public MixtureSettings {
    components = Checks.positive("components", Checks.orDefault(components, 10));
    covariance = Checks.orDefault(covariance, CovarianceType.FULL);
    maxIterations = Checks.positive("maxIterations", Checks.orDefault(maxIterations, 200));
    tolerance = Checks.nonNegative("tolerance", Checks.orDefault(tolerance, 1e-4));
    regularization = Checks.nonNegative("regularization", Checks.orDefault(regularization, 1e-6));
    restarts = Checks.positive("restarts", Checks.orDefault(restarts, 1));
    bic = bic == null ? List.of() : List.copyOf(bic);
    for (int k : bic) {
      Checks.positive("bic", k);
    }
  }

  /** Every default. */
  public static MixtureSettings defaults() {
    return new MixtureSettings(null, null, null, null, null, null, null);
  }

  /** These settings with another number of components. */
  public MixtureSettings withComponents(int k) {
    return new MixtureSettings(
        k, covariance, maxIterations, tolerance, regularization, restarts, bic);
  }
}
