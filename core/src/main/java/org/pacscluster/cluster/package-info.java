/**
 * Clustering of feature vectors: k-means (k-means++ seeding, restarts, Lloyd iterations) and the cluster-assignment
 * results shared by all methods.
 *
 * <p>k-means follows scikit-learn 1.2's precision rule: {@code double[][]} input is clustered in float64,
 * {@code float[][]} input in float32 (distances, centre sums, means and inertia rounded to float32; k-means++ seeding
 * distances by sgemm in float32 too, where scikit-learn uses float64: a heuristic step, and half a fit's time in Java). {@code KMeans} is one algorithm written against {@code Samples}, whose two
 * kinds hold the rows in their precision and supply the distance step: {@code DoubleSamples} with a Java register
 * tile ({@code NearestCentre}), {@code FloatSamples} with BLAS {@code sgemm} from the system's libblas.so.3 through
 * netlib-java ({@code NativeBlas}), or Java loops when no native BLAS loads. Results are the same for any number of
 * threads: fixed 256-row blocks, sums reduced in block order, and BLAS calls small enough that OpenBLAS never splits
 * them over its own threads (a split changes the last bits).
 */
package org.pacscluster.cluster;
