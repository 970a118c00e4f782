package io.minewatch.simulators.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void matchesAnAlarmToTheReadingItNames() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.sent("S1", 1_000, 5_000_000);
        recorder.sent("S2", 1_000, 6_000_000);

        recorder.alarmed("S2", 1_000, 9_000_000);
        recorder.alarmed("S1", 1_000, 12_000_000);
        recorder.alarmed("S3", 1_000, 12_000_000);

        assertThat(recorder.between(0, Long.MAX_VALUE)).containsExactly(3_000_000, 7_000_000);
        assertThat(recorder.unmatched()).isEqualTo(1);
        assertThat(recorder.pending()).isZero();
    }

    @Test
    void selectsAlarmsByArrivalTime() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 0; i < 10; i++) {
            recorder.sent("S", i, i * 1_000L);
            recorder.alarmed("S", i, i * 1_000L + 100 + i);
        }
        assertThat(recorder.between(5_000, 8_000)).containsExactly(105, 106, 107);
    }

    @Test
    void splitsAtTheDecisionTimeTheAlarmCarries() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.sent("S1", 1_000, 5_000_000);
        recorder.sent("S2", 2_000, 6_000_000);
        recorder.sent("S3", 3_000, 7_000_000);

        recorder.alarmed("S1", 1_000, 1_004, 15_000_000);
        recorder.alarmed("S2", 2_000, LatencyRecorder.UNKNOWN, 16_000_000);
        recorder.alarmed("S3", 3_000, 3_002, 17_000_000);

        assertThat(recorder.between(0, Long.MAX_VALUE)).containsExactly(10_000_000, 10_000_000, 10_000_000);
        assertThat(recorder.toDecisionBetween(0, Long.MAX_VALUE)).containsExactly(2_000_000, 4_000_000);
        assertThat(recorder.toDecisionBetween(16_000_000, Long.MAX_VALUE)).containsExactly(2_000_000);
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(LatencyRecorder.percentile(sorted, 50)).isEqualTo(50);
        assertThat(LatencyRecorder.percentile(sorted, 99)).isEqualTo(99);
        assertThat(LatencyRecorder.percentile(sorted, 100)).isEqualTo(100);
        assertThat(LatencyRecorder.percentile(new long[] {7}, 99)).isEqualTo(7);
        assertThat(LatencyRecorder.percentile(new long[0], 99)).isZero();
    }
}
