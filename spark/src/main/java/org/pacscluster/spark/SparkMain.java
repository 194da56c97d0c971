package org.pacscluster.spark;

import org.pacscluster.cli.Main;

/**
 * The main class for {@code spark-submit}: {@code spark-submit --class org.pacscluster.spark.SparkMain JOB.jar
 * predict --model M SOURCE --out OUT} runs {@code pacscluster spark predict ...} with the master spark-submit gives,
 * with the CLI's one-line errors and exit codes.
 */
public final class SparkMain {
    private SparkMain() {}

    public static void main(String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = "spark";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.run(all);
        if (code != 0) System.exit(code);
    }

}
