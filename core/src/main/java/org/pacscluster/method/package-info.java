/**
 * The spine: a {@link org.pacscluster.method.Method} (PCA, HOG, LBP, CAE, CDEC, CIDEC, their -DA variants) trains on a dataset's rows
 * into a {@link org.pacscluster.method.ClusteringModel} that embeds, assigns with a probability, and saves to the
 * one model-folder format that {@link org.pacscluster.method.ModelFolder} loads for every method. Settings of every
 * method are one validated record, {@link org.pacscluster.method.MethodSettings}.
 */
package org.pacscluster.method;
