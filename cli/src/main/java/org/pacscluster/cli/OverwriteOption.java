package org.pacscluster.cli;

import picocli.CommandLine.Option;

/**
 * {@code --overwrite}, with the same meaning in every command that writes: without it nothing existing is replaced
 * (a file, a finished model, a folder holding other work or not written by pacscluster); with it the output is
 * replaced. It never lets an output replace an input, nor a second process write into a folder in use.
 */
public final class OverwriteOption {
    @Option(names = "--overwrite",
            description = "replace an existing output: a file, a finished model, or a folder holding other work "
                    + "(emptied; files that were there before pacscluster wrote into it are kept)")
    boolean overwrite;
}
