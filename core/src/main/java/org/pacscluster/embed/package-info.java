/**
 * Fixed-feature embedders behind one {@link org.pacscluster.embed.Embedder} interface: fit on training rows, then
 * turn any rows of a dataset into feature vectors — PCA of the pixels, HOG and LBP descriptors. The learned CAE
 * embedding lives in {@code deep}; {@code method} joins either to k-means.
 */
package org.pacscluster.embed;
