/**
 * How good a clustering is, in one place: the {@link org.pacscluster.evaluate.Scorecard} of a set of rows
 * (silhouette in the method's own space; NMI, homogeneity, completeness, ARI against modality and region) and the
 * {@link org.pacscluster.evaluate.ClusterMakeup} of each cluster (its size and majority tags), which models keep and
 * the audit reads. Every command and the experiment score through here.
 */
package org.pacscluster.evaluate;
