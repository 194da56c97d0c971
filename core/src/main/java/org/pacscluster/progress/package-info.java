/**
 * Progress display for long work: a redrawn bar on a terminal, plain periodic lines otherwise.
 */
package org.pacscluster.progress;
