package org.pacscluster.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam exactly as PyTorch's {@code torch.optim.Adam} (β1 0.9, β2 0.999, ε 1e-8, no weight decay) — including
 * where ε enters (added to √v̂, not to √v as DJL's fused update does) — with its state exposed so a checkpoint
 * can save it and a resumed run continue bit for bit.
 */
final class AdamOptimizer implements AutoCloseable {
    private static final float BETA1 = 0.9f, BETA2 = 0.999f, EPS = 1e-8f;

    private final List<NDArray> params;
    private final double learningRate;
    private final NDManager stateManager;
    private final Map<String, NDArray> mean = new HashMap<>(), variance = new HashMap<>();
    private long steps;

    /** {@code params} must be named and require gradients; their state lives in a sub-manager of {@code owner}. */
    AdamOptimizer(List<NDArray> params, double learningRate, NDManager owner) {
        this.params = List.copyOf(params);
        this.learningRate = learningRate;
        this.stateManager = owner.newSubManager();
        for (NDArray p : this.params) {
            mean.put(p.getName(), stateManager.zeros(p.getShape()));
            variance.put(p.getName(), stateManager.zeros(p.getShape()));
        }
    }

    long steps() { return steps; }

    /** Applies one update from the gradients the last backward pass left, then zeroes those gradients. */
    void step() {
        steps++;
        double bc1 = 1 - Math.pow(BETA1, steps);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(BETA2, steps));
        float stepSize = (float) (learningRate / bc1);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (NDArray p : params) {
                NDArray g = p.getGradient();
                NDArray m = mean.get(p.getName()), v = variance.get(p.getName());
                m.muli(BETA1).addi(g.mul(1 - BETA1));
                v.muli(BETA2).addi(g.mul(g).muli(1 - BETA2));
                NDArray denom = v.sqrt().divi((float) bc2Sqrt).addi(EPS);
                p.subi(m.div(denom).muli(stepSize));
                g.subi(g);
            }
        }
    }

    /** m and v of every parameter, named "m:NAME" / "v:NAME" (copies). */
    NDList state(NDManager into) {
        NDList out = new NDList();
        for (NDArray p : params) {
            out.add(copy(into, mean.get(p.getName()), "m:" + p.getName()));
            out.add(copy(into, variance.get(p.getName()), "v:" + p.getName()));
        }
        return out;
    }

    /** Restores the state saved by {@link #state} after {@code steps} updates. */
    void restore(NDList saved, long steps) {
        Map<String, NDArray> byName = new HashMap<>();
        for (NDArray a : saved) byName.put(a.getName(), a);
        for (NDArray p : params) {
            for (String kind : new String[] {"m:", "v:"}) {
                NDArray a = byName.get(kind + p.getName());
                if (a == null || !a.getShape().equals(p.getShape())) {
                    throw new IllegalArgumentException("checkpoint has no optimiser state for " + p.getName());
                }
                Map<String, NDArray> state = kind.equals("m:") ? mean : variance;
                state.put(p.getName(), stateManager.create(a.toFloatArray(), a.getShape())).close();
            }
        }
        this.steps = steps;
    }

    private static NDArray copy(NDManager into, NDArray a, String name) {
        NDArray c = into.create(a.toFloatArray(), a.getShape());
        c.setName(name);
        return c;
    }

    @Override
    public void close() { stateManager.close(); }
}
