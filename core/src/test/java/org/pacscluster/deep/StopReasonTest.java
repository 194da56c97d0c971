package org.pacscluster.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stop reasons are written as the strings earlier versions wrote; their checkpoints and model.json must load. */
class StopReasonTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesAndReadsTheOldStrings() throws Exception {
        List<String> old = List.of("max-epochs", "early-stopping", "label-change", "loss-change");
        assertEquals(old, List.of(StopReason.values()).stream().map(StopReason::toString).toList());
        for (StopReason r : StopReason.values()) {
            assertEquals('"' + r.label() + '"', JSON.writeValueAsString(r));
            assertEquals(r, JSON.readValue('"' + r.label() + '"', StopReason.class));
        }
        assertThrows(IllegalArgumentException.class, () -> StopReason.of("MAX_EPOCHS"));
    }

    @Test
    void anOldFineTuningCheckpointHeaderReadsAndWritesBackTheSame() throws Exception {
        String header = "{\"resumeKey\":\"k\",\"epochsDone\":2,\"steps\":16,\"targetUpdates\":4,"
                + "\"epochLosses\":[0.0061,0.0059],\"labelChanges\":[0.0,0.17],\"stopReason\":\"loss-change\"}";
        DecTrainer.State s = JSON.readValue(header, DecTrainer.State.class);
        assertEquals(StopReason.LOSS_CHANGE, s.stopReason());
        assertEquals(header, JSON.writeValueAsString(s));
        String running = header.replace("\"loss-change\"", "null");
        assertNull(JSON.readValue(running, DecTrainer.State.class).stopReason());
        assertEquals(running, JSON.writeValueAsString(JSON.readValue(running, DecTrainer.State.class)));
    }
}
