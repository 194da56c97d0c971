package org.pacscluster.bench;

import org.pacscluster.cli.CommandPlugin;

/** Adds {@code pacscluster bench} to the CLI of a checkout (the release leaves this module out). */
public final class BenchPlugin implements CommandPlugin {
    @Override
    public Object command() { return new BenchCommand(); }
}
