package org.pacscluster.spark;

import org.pacscluster.cli.CommandPlugin;

/** Adds {@code pacscluster spark ...} to the CLI when this module (and Spark) is on the class path. */
public final class SparkPlugin implements CommandPlugin {
    @Override
    public Object command() { return new SparkCommand(); }
}
