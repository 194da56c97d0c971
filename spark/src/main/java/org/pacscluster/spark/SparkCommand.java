package org.pacscluster.spark;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pacscluster spark}: the jobs that run on Apache Spark. */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = {"Run ingest, predict and audit on Apache Spark, with the same code and the same"
                + " answers as the single-JVM commands, and fit fixed-feature models (k-means with Spark ML) into"
                + " the model folder the single-JVM commands read: in this JVM (an embedded local[*] master) or on a cluster"
                + " (--master, or spark-submit with the class org.pacscluster.spark.SparkMain).",
                "Outputs are folders of Parquet tables on any Hadoop path, complete when they hold _PACSCLUSTER_SUCCESS."},
        subcommands = {IngestJob.class, AssignJob.PredictCommand.class, AssignJob.AuditCommand.class,
                FitJob.FitCommand.class,
                CommandLine.HelpCommand.class})
public final class SparkCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a spark job is required (see --help)");
    }
}
