package org.pacscluster.cli;

import org.pacscluster.method.Hardware;
import picocli.CommandLine.Option;

/** Where a command computes: the same two options, with the same meaning, in every command that computes. */
public final class HardwareOptions {
    @Option(names = "--threads", defaultValue = "0",
            description = "CPU threads for every parallel step and the deep-learning engine, 0 = all cores; 1 is best on a busy machine (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--device", defaultValue = "auto", description = "deep-learning device: auto, cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
    String device;

    Hardware hardware() { return new Hardware(threads, device); }
}
