/**
 * The paper's experiment and the uses built on trained models: every method run R times on one dataset
 * ({@link org.pacscluster.experiment.Experiment}), the Table I of means ± sd, the HTML report and the K sweep. This package sits at the end of the data flow and only calls the packages before it.
 */
package org.pacscluster.experiment;
