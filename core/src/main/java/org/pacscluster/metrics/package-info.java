/**
 * Evaluation metrics matched to scikit-learn: label-based scores (NMI, homogeneity, completeness, V-measure, ARI, AMI, accuracy) and the silhouette score.
 */
package org.pacscluster.metrics;
