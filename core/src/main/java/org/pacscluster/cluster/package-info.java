/**
 * Clustering of feature vectors: k-means (k-means++ seeding, restarts, Lloyd iterations) and the cluster-assignment results shared by all methods.
 */
package org.pacscluster.cluster;
