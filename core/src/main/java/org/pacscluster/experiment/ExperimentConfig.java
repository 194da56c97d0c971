package org.pacscluster.experiment;

import org.pacscluster.io.InvalidSettingException;

import java.util.List;
import org.pacscluster.method.Method;
import org.pacscluster.method.MethodSettings;

/**
 * Everything an experiment needs besides the dataset, validated when built.
 *
 * @param methods          methods to run, in table order
 * @param runs             independent runs R; run r (from 0) trains every method with seed {@code settings.seed() + r}
 * @param trainLimit       at most this many train images (a seeded subset, the same for every run; 0 = all)
 * @param testLimit        at most this many test images (0 = all)
 * @param silhouetteSample at most this many test points in the silhouette (seeded sample)
 * @param tsnePoints       at most this many test points in each t-SNE map (0 = no maps)
 * @param settings         every method's settings (K, k-means restarts, CAE, fine-tuning); their seed is run 0's
 *                         and also seeds the subsets
 * @param parallelRuns     runs trained side by side, each on the settings' threads (hardware only: each run's
 *                         computation is meant to depend on its seed alone; see docs/experiment.md for one run that
 *                         differed)
 */
public record ExperimentConfig(List<Method> methods, int runs, int trainLimit, int testLimit, int silhouetteSample,
                               int tsnePoints, MethodSettings settings, int parallelRuns) {
    public ExperimentConfig {
        methods = methods.stream().distinct().toList();
        if (methods.isEmpty()) throw new InvalidSettingException("methods", "must name at least one method");
        if (runs < 1) throw new InvalidSettingException("runs", "must be at least 1, got " + runs);
        if (trainLimit < 0) throw new InvalidSettingException("trainLimit", "must be >= 0 (0 = all), got " + trainLimit);
        if (testLimit < 0) throw new InvalidSettingException("testLimit", "must be >= 0 (0 = all), got " + testLimit);
        if (silhouetteSample < 2) throw new InvalidSettingException("silhouetteSample", "must be at least 2, got " + silhouetteSample);
        if (tsnePoints < 0) throw new InvalidSettingException("tsnePoints", "must be >= 0 (0 = no maps), got " + tsnePoints);
        if (settings == null) throw new IllegalArgumentException("method settings are required");
        if (parallelRuns < 1) throw new InvalidSettingException("parallelRuns", "must be at least 1, got " + parallelRuns);
    }

    /** The same experiment, {@code n} runs side by side. */
    public ExperimentConfig withParallelRuns(int n) {
        return new ExperimentConfig(methods, runs, trainLimit, testLimit, silhouetteSample, tsnePoints, settings, n);
    }


    public int k() { return settings.k(); }

    public long seed() { return settings.seed(); }

    public boolean anyDeep() { return methods.stream().anyMatch(Method::isDeep); }
}
