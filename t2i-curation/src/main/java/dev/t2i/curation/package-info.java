/**
 * {@code t2i cluster}: the report's curation step. Images are turned into features, reduced by a
 * streamed PCA and clustered by a Gaussian mixture; the run writes a table of cluster sizes, a
 * contact sheet, and {@code clusters.csv}, which a data set of {@code type: subset} selects from
 * ({@code clusters: [3]}).
 */
package dev.t2i.curation;
