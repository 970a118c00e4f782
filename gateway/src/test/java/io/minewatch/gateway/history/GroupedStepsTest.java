package io.minewatch.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minewatch.gateway.storage.HistoryPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupedStepsTest {

    @Test
    void writesEachSensorInTheOrderAskedWhateverOrderTheGroupsArrive() throws Exception {
        GroupedSteps steps = new GroupedSteps(List.of("B", "A"));
        steps.add("A", 0, 1, 1, 1, 1, 1);            // InfluxDB sorts groups by tag: A before B
        steps.add("A", 100, 2, 2, 2, 2, 1);
        steps.add("B", 0, 5, 5, 5, 5, 1);
        assertThat(emit(steps, "B")).containsExactly(HistoryPoint.raw(0, 5));
        assertThat(emit(steps, "A")).containsExactly(HistoryPoint.raw(0, 1), HistoryPoint.raw(100, 2));
    }

    @Test
    void joinsAStepSplitBetweenARollupQueryAndARawQueryPerSensor() throws Exception {
        GroupedSteps steps = new GroupedSteps(List.of("A", "B"));
        // first query (hour rollup), every sensor; its last step is completed by the second query (raw points)
        steps.add("A", 0, 1.0, 3.0, 6.0, 3.0, 3);
        steps.add("B", 0, 10.0, 10.0, 10.0, 10.0, 1);
        steps.add("A", 0, 0.5, 2.0, 2.5, 2.0, 2);
        steps.add("B", 0, 20.0, 20.0, 20.0, 20.0, 1);
        steps.add("B", 100, 7.0, 7.0, 7.0, 7.0, 1);
        assertThat(emit(steps, "A")).containsExactly(new HistoryPoint(0, 8.5 / 5, 0.5, 3.0, 2.0, 5));
        assertThat(emit(steps, "B")).containsExactly(new HistoryPoint(0, 15.0, 10.0, 20.0, 20.0, 2),
                HistoryPoint.raw(100, 7.0));
    }

    @Test
    void ignoresRowsOfSensorsNotAskedForAndEmptyPartials() throws Exception {
        GroupedSteps steps = new GroupedSteps(List.of("A"));
        steps.add("Z", 0, 1, 1, 1, 1, 1);
        steps.add("A", 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        assertThat(emit(steps, "A")).isEmpty();
        assertThatThrownBy(() -> emit(steps, "Z")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sensor : Z (expected: one of");
    }

    @Test
    void answersASensorAskedTwiceTwice() throws Exception {
        GroupedSteps steps = new GroupedSteps(List.of("A", "A"));
        steps.add("A", 0, 1, 1, 1, 1, 1);
        assertThat(emit(steps, "A")).containsExactly(HistoryPoint.raw(0, 1));
        assertThat(emit(steps, "A")).containsExactly(HistoryPoint.raw(0, 1));
    }

    private static List<HistoryPoint> emit(GroupedSteps steps, String sensor) throws Exception {
        List<HistoryPoint> out = new ArrayList<>();
        steps.emit(sensor, out::add);
        return out;
    }
}
