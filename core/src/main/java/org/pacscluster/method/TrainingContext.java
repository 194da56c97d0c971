package org.pacscluster.method;

import java.nio.file.Path;
import java.util.function.Function;
import org.pacscluster.progress.Progress;

/**
 * What a training run needs besides data and settings.
 *
 * @param workDir  where checkpoints go, so an interrupted run resumes and the deep methods of one run share one
 *                 pre-trained CAE ({@code pretrain.checkpoint}; the augmented ones {@code pretrain-da.checkpoint});
 *                 null = no checkpoints
 * @param progress makes a progress display for each named phase ("pca fit", "pretrain cae", ...)
 */
public record TrainingContext(Path workDir, Function<String, Progress> progress) {
    public TrainingContext {
        if (progress == null) progress = phase -> Progress.NONE;
    }

    /** No checkpoints, no progress. */
    public static TrainingContext quiet() { return new TrainingContext(null, null); }

    /** The plain CAE pre-training checkpoint's file name. */
    static final String PRETRAIN = "pretrain.checkpoint";
    /** The augmented (-da methods') pre-training checkpoint's file name. */
    static final String PRETRAIN_AUGMENTED = "pretrain-da.checkpoint";

    /** The CAE pre-training checkpoint in {@link #workDir} (the augmented methods' own when {@code augmented}), or null. */
    Path pretrainCheckpoint(boolean augmented) {
        return workDir == null ? null : workDir.resolve(augmented ? PRETRAIN_AUGMENTED : PRETRAIN);
    }
}
