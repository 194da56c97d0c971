/**
 * Command-line front end (picocli): one class per sub-command; commands parse and validate options, call the packages below, and turn failures into one-line errors.
 */
package org.pacscluster.cli;
