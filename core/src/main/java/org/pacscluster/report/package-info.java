/**
 * What people look at: t-SNE maps, plots, per-cluster montages and the self-contained HTML report.
 */
package org.pacscluster.report;
