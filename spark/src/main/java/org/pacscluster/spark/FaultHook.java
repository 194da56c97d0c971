package org.pacscluster.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;

/**
 * Called at the start of every partition a job computes, with the partition and the attempt: the tests make a
 * task fail here (once) to show that Spark's retry gives a complete output without duplicates. Jobs run from the
 * command line get {@link #NONE}.
 */
@FunctionalInterface
interface FaultHook extends Serializable {
    FaultHook NONE = (partition, attempt) -> {};

    void beforePartition(int partition, int attempt) throws Exception;

    /** Calls the hook for the task running on this thread (none on the driver). */
    default void check() throws Exception {
        TaskContext t = TaskContext.get();
        if (t != null) beforePartition(t.partitionId(), t.attemptNumber());
    }
}
