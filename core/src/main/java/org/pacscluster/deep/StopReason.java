package org.pacscluster.deep;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a training run (pre-training or fine-tuning) ended. Written to checkpoints and model.json as its label, the
 * exact string earlier versions wrote, so their files still load.
 */
public enum StopReason {
    /** The epoch budget ran out. */
    MAX_EPOCHS("max-epochs"),
    /** Pre-training: the validation loss did not improve for {@code patience} epochs. */
    EARLY_STOPPING("early-stopping"),
    /** Fine-tuning, DEC's rule: few labels changed between two target updates. */
    LABEL_CHANGE("label-change"),
    /** Fine-tuning, the paper's rule: the epoch loss barely changed. */
    LOSS_CHANGE("loss-change");

    private final String label;

    StopReason(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static StopReason of(String label) {
        for (StopReason r : values()) if (r.label.equals(label)) return r;
        throw new IllegalArgumentException("unknown stop reason '" + label + "'");
    }

    /** The label, so that messages read as before. */
    @Override
    public String toString() {
        return label;
    }
}
