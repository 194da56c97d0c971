package org.pacscluster.method;

import org.pacscluster.io.InvalidSettingException;

/**
 * Where a model runs: CPU threads and the deep-learning device. Not a property of the model — the same model
 * folder runs on a laptop or a GPU machine — so it is given when a model is loaded or trained.
 *
 * @param threads CPU threads (0 = all cores / the engine's default)
 * @param device  "auto" (a GPU if the engine sees one), "cpu", "gpu" or "gpu:N"
 */
public record Hardware(int threads, String device) {
    public Hardware {
        if (threads < 0) throw new InvalidSettingException("threads", "must be >= 0, got " + threads);
        device = device == null ? "auto" : device;
    }
}
