/**
 * Losses: {@code gan} (binary cross-entropy, minimax or non-saturating, optionally matching-aware
 * and with blurred real images as extra fakes), {@code l2} (the Euclidean loss of the GNN) and
 * {@code weighted} (a λ-weighted sum of other losses).
 */
package dev.t2i.models.losses;
