package io.minewatch.simulators.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchPlanTest {

    @Test
    void defaultsStepFromTwoThousandToFiftyThousandForBothSystems() {
        BenchPlan plan = BenchCommand.plan(Map.of());

        assertThat(plan.rates()).containsExactly(2_000, 5_000, 10_000, 20_000, 35_000, 50_000);
        assertThat(plan.targets()).containsExactly(BenchPlan.Target.MINEWATCH, BenchPlan.Target.NODE_RED);
        assertThat(plan.step()).isEqualTo(Duration.ofSeconds(20));
        assertThat(plan.qos()).isEqualTo(1);
        assertThat(plan.readingsPerMessage()).isEqualTo(1);
        assertThat(plan.warmup()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsTheOptions() {
        BenchPlan plan = BenchCommand.plan(Map.of("--rates", "100, 200", "--targets", "node-red", "--shape", "batch",
                "--batch-size", "20", "--step", "5s", "--qos", "0", "--alarm-share", "0.05"));

        assertThat(plan.rates()).containsExactly(100, 200);
        assertThat(plan.targets()).containsExactly(BenchPlan.Target.NODE_RED);
        assertThat(plan.readingsPerMessage()).isEqualTo(20);
        assertThat(plan.step()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesBadOptionsNamingThem() {
        assertThatThrownBy(() -> BenchCommand.plan(Map.of("--targets", "kafka")))
                .hasMessage("--targets : kafka (expected: minewatch, node-red or both, comma-separated)");
        assertThatThrownBy(() -> BenchCommand.plan(Map.of("--rates", "fast")))
                .hasMessage("--rates : fast (expected: a whole number)");
        assertThatThrownBy(() -> BenchCommand.plan(Map.of("--alarm-share", "0.9")))
                .hasMessage("alarmShare : 0.9 (expected: 0 to 0.5)");
    }

    @Test
    void readsTheNeighboursToSample() {
        assertThat(BenchCommand.neighbours("mosquitto=12, influxd=34")).containsExactly(
                Map.entry("mosquitto", 12L), Map.entry("influxd", 34L));
        assertThat(BenchCommand.neighbours("")).isEmpty();
        assertThatThrownBy(() -> BenchCommand.neighbours("mosquitto"))
                .hasMessage("--sample : mosquitto (expected: name=pid, comma-separated)");
    }

    @Test
    void aStepIsLosslessOnlyWhenEverythingAcknowledgedWasStoredInTimeAtTheFullRate() {
        StepResult clean = step(10_000, 200_000, 200_000, 1.0);
        assertThat(clean.lossless()).isTrue();
        assertThat(step(10_000, 200_000, 199_999, 1.0).lossless()).isFalse();
        assertThat(step(10_000, 200_000, 200_000, 30.0).lossless()).as("stored only long after").isFalse();
        assertThat(step(10_000, 150_000, 150_000, 1.0).lossless()).as("load not offered in full").isFalse();
        assertThat(step(10_000, 200_000, 199_000, 1.0).lossPercent()).isEqualTo(0.5);
    }

    private static StepResult step(int rate, long acked, long stored, double drain) {
        return new StepResult("x", rate, 20, acked, acked, 0, stored, drain, 0, 0, 0, 0, 0, 0, Double.NaN, 0, 0, 0,
                -1, "");
    }

    @Test
    void theReportPutsBothSystemsSideBySide() {
        BenchPlan plan = new BenchPlan(100, List.of(10_000, 20_000), Duration.ofSeconds(20), Duration.ofSeconds(60),
                BenchPlan.PayloadShape.SINGLE, 1, 1, 0.01, 4,
                List.of(BenchPlan.Target.MINEWATCH, BenchPlan.Target.NODE_RED), Duration.ofSeconds(10));
        BenchRunner.Run minewatch = new BenchRunner.Run("minewatch", "jar", List.of(
                new StepResult("minewatch", 10_000, 20, 200_000, 200_000, 0, 200_000, 0.5, 2_000, 2_000, 2.0, 8.0,
                        12.0, 4.0, 1.5, 80, 95, 300, 120, "mosquitto 30 %")), List.of(), "");
        BenchRunner.Run nodeRed = new BenchRunner.Run("Node-RED", "flow", List.of(
                new StepResult("Node-RED", 10_000, 20, 200_000, 200_000, 0, 150_000, 9, 2_000, 2_000, 3.0, 20.0,
                        40.0, 18.0, Double.NaN, 100, 100, 200, -1, "mosquitto 20 %")), List.of(), "");

        String report = BenchReport.markdown(plan, List.of(minewatch, nodeRed), "| machine |", "now", "chart.png",
                "other builds were running");

        assertThat(report).contains("| highest lossless rate (readings/s) | 10,000 | none (the first step already lost readings) | ")
                .contains("| alarm latency p50 / p99 / max at the 10,000/s step | 2.0 / 8.0 / 12.0 ms (2000 alarms);"
                        + " p99 in the step's second half 4.0 ms | 3.0 / 20.0 / 40.0 ms (2000 alarms); p99 in the"
                        + " step's second half 18.0 ms | ")
                .contains("| 2.0 | 8.0 | 12.0 | 4.0 | 1.5 | 80 / 95 |")
                .contains("| 3.0 | 20.0 | 40.0 | 18.0 | n/a | 100 / 100 |")
                .contains("**Conditions.** other builds were running")
                .contains("| 10,000 | 10,000 | 200,000 | 150,000 | 50,000 (25.00 %) |");
    }
}
