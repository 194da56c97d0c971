/**
 * Barnes–Hut t-SNE (van der Maaten 2014): perplexity affinities over a vantage-point tree, a quadtree for the
 * repulsive forces, and map-quality measures (trustworthiness, k-NN accuracy). {@code report} draws its maps.
 */
package org.pacscluster.tsne;
