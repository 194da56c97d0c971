package org.pacscluster.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Records the autograd graph on the calling thread while open, and back-propagates a scalar loss into the
 * gradients of the arrays that require them: what DJL's {@code GradientCollector} does for the PyTorch engine,
 * without its JVM-wide "one collector at a time" flag. libtorch's grad mode is per thread, so trainings on separate
 * threads (an experiment's runs side by side, {@code --parallel-runs}) each record their own graph; DJL's collector
 * would refuse the second one with an IllegalStateException.
 * <pre>{@code
 * try (Backprop b = new Backprop()) { b.backward(loss(net.forward(x))); }
 * }</pre>
 */
final class Backprop implements AutoCloseable {
    private final boolean recordingBefore;

    Backprop() {
        recordingBefore = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
    }

    /** d(loss)/d(every array that requires a gradient and took part), accumulated into its gradient. */
    void backward(NDArray loss) {
        if (loss.getShape().size() != 1) throw new IllegalArgumentException("backward needs a scalar loss, got " + loss.getShape());
        try (NDArray seed = loss.onesLike()) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
        }
    }

    @Override
    public void close() { JniUtils.setGradMode(recordingBefore); }
}
