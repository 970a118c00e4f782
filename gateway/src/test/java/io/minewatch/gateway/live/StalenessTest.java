package io.minewatch.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.web.MaintenanceView;
import io.minewatch.gateway.web.SensorJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class StalenessTest {

    private static final long T0 = 1_764_000_000_000L;
    private static final long MINUTE = 60_000;

    private final LiveBoard live = new LiveBoard();
    private final Staleness staleness = new Staleness(live, 30_000);
    private final SensorJson json = new SensorJson(new ObjectMapper(), staleness, MaintenanceView.NONE);

    private void report(String sensor, Kind kind, long... times) {
        for (long time : times) {
            live.update(List.of(new Reading("P1", sensor, kind, 1.0, time, Quality.GOOD, true, time)));
        }
    }

    private ObjectNode row(String sensor, Kind kind, long now) {
        return json.row(sensor, "P1", kind, "", true, live.latest(sensor), null, now);
    }

    @Test
    void aPondGaugeReportingEveryTenMinutesIsLiveForHalfAnHourAndStaleAfter() {
        report("POND-LEVEL", Kind.WATER_LEVEL, T0, T0 + 10 * MINUTE, T0 + 20 * MINUTE);
        long last = T0 + 20 * MINUTE;

        assertThat(staleness.staleAfterMillis("POND-LEVEL")).isEqualTo(30 * MINUTE);
        assertThat(row("POND-LEVEL", Kind.WATER_LEVEL, last + 15 * MINUTE).get("stale").asBoolean()).isFalse();
        ObjectNode late = row("POND-LEVEL", Kind.WATER_LEVEL, last + 31 * MINUTE);
        assertThat(late.get("stale").asBoolean()).isTrue();
        assertThat(late.get("stale_after_ms").asLong()).isEqualTo(30 * MINUTE);
    }

    @Test
    void aGasSensorReportingEverySecondIsStaleAfterThreeSecondsNotThirty() {
        report("CH4-T1", Kind.CH4, T0, T0 + 1_000, T0 + 2_000, T0 + 3_000);

        assertThat(row("CH4-T1", Kind.CH4, T0 + 5_000).get("stale").asBoolean()).isFalse();
        assertThat(row("CH4-T1", Kind.CH4, T0 + 7_000).get("stale").asBoolean()).isTrue();
    }

    @Test
    void theConfiguredLimitHoldsUntilTheSensorsPeriodIsKnownAndASensorNeverHeardIsStale() {
        report("CH4-T2", Kind.CH4, T0);

        assertThat(row("CH4-T2", Kind.CH4, T0 + 29_000).get("stale").asBoolean()).isFalse();
        assertThat(row("CH4-T2", Kind.CH4, T0 + 31_000).get("stale").asBoolean()).isTrue();
        assertThat(row("NEVER", Kind.CH4, T0).get("stale").asBoolean()).isTrue();
    }

    @Test
    void theSmoothedPeriodFollowsAChangeOfRateAndIgnoresALateOlderReading() {
        report("CH4-T3", Kind.CH4, T0, T0 + 10_000);
        report("CH4-T3", Kind.CH4, T0 + 5_000);                     // late, older: neither latest nor a period
        assertThat(live.latest("CH4-T3").timestampMillis()).isEqualTo(T0 + 10_000);
        assertThat(live.periodMillis("CH4-T3")).hasValue(10_000);

        report("CH4-T3", Kind.CH4, T0 + 11_000);
        assertThat(live.periodMillis("CH4-T3")).hasValue(8_200);     // 0.8 × 10 s + 0.2 × 1 s
    }

    @Test
    void aSensorOfAFewSecondsIsStaleNoSoonerThanTheFloor() {
        report("FAST", Kind.CH4, T0, T0 + 100, T0 + 200);

        assertThat(staleness.staleAfterMillis("FAST")).isEqualTo(Staleness.FLOOR_MILLIS);
    }
}
