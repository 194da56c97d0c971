/**
 * Embedders: one interface, fit on a training split and transform any split into feature vectors (PCA, HOG, LBP; the CAE encoder lives in deep and implements the same interface).
 */
package org.pacscluster.embed;
