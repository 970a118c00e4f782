package io.minewatch.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.gateway.storage.HistoryPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepMergerTest {

    @Test
    void joinsPartialsOfOneStepFromARollupAndRawPoints() throws Exception {
        List<HistoryPoint> out = new ArrayList<>();
        StepMerger merger = new StepMerger(out::add);
        merger.add(0, 1.0, 3.0, 6.0, 3.0, 3);      // rollup part of step 0
        merger.add(0, 0.5, 2.0, 2.5, 2.0, 2);      // raw part of step 0
        merger.add(100, 5.0, 5.0, 5.0, 5.0, 1);
        merger.flush();
        assertThat(out).containsExactly(new HistoryPoint(0, 8.5 / 5, 0.5, 3.0, 2.0, 5),
                new HistoryPoint(100, 5.0, 5.0, 5.0, 5.0, 1));
    }

    @Test
    void ignoresEmptyPartials() throws Exception {
        List<HistoryPoint> out = new ArrayList<>();
        StepMerger merger = new StepMerger(out::add);
        merger.add(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        merger.flush();
        assertThat(out).isEmpty();
    }
}
