package io.minewatch.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.StorageConfig.InfluxDbConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.storage.HistoryPoint;
import io.minewatch.gateway.storage.InfluxDbStore;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InfluxHistoryIT {

    private static final long DAY = 86_400_000L;
    /** A whole UTC day in the past, so every rollup interval of it is closed. */
    private static final long T0 = (Clock.systemUTC().millis() / DAY - 3) * DAY;
    private static final SensorSeries CH4 = new SensorSeries("CH4-A", Kind.CH4);
    /** Every 10 s, another shape: sorts after CH4-A in InfluxDB's tag order. */
    private static final SensorSeries CH4_B = new SensorSeries("CH4-B", Kind.CH4);
    private static final SensorSeries CO = new SensorSeries("CO-A", Kind.CO);

    private InfluxDbConfig config;
    private InfluxDbStore store;

    @BeforeEach
    void load() throws Exception {
        String url = System.getenv("MINEWATCH_IT_INFLUXDB");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("MINEWATCH_IT_INFLUXDB is not set: run through scripts/test");
        }
        config = new InfluxDbConfig(URI.create(url), "history_it_" + System.nanoTime(), null, null, null, 0, null);
        store = new InfluxDbStore(config);
        store.start();
        List<Reading> batch = new ArrayList<>();
        for (int i = 0; i < 86_400; i++) {
            double value = 0.3 + (i % 600) / 1000.0 + (i >= 50_000 && i < 50_300 ? 1.0 : 0.0);
            batch.add(new Reading("CM01", CH4.sensor(), Kind.CH4, value, T0 + i * 1_000L, Quality.GOOD, true, T0));
            if (i % 10 == 0) {
                batch.add(new Reading("CM01", CH4_B.sensor(), Kind.CH4, 0.1 + (i % 7_000) / 10_000.0,
                        T0 + i * 1_000L, Quality.GOOD, true, T0));
                batch.add(new Reading("CM01", CO.sensor(), Kind.CO, 5 + i % 13, T0 + i * 1_000L, Quality.GOOD,
                        true, T0));
            }
            if (batch.size() == 10_000) {
                store.write(batch, List.of());
                batch.clear();
            }
        }
        store.write(batch, List.of());
    }

    @AfterEach
    void drop() throws Exception {
        new InfluxHttp(config, java.time.Duration.ofSeconds(10)).execute(
                "DROP DATABASE " + io.minewatch.gateway.storage.InfluxQl.identifier(config.database()));
        store.close();
    }

    @Test
    void rollupsGiveTheSameAggregatesAsRawPoints() throws Exception {
        InfluxHistorySource source = new InfluxHistorySource(config, Clock.systemUTC());
        List<HistoryPoint> rawHours = new ArrayList<>();
        List<HistoryPoint> rawHalfHours = new ArrayList<>();
        source.aggregated(CH4, T0, T0 + DAY, 3_600_000, rawHours::add);   // before any rollup: raw GROUP BY
        source.aggregated(CH4, T0, T0 + DAY, 1_800_000, rawHalfHours::add);
        source.rollups().rebuild(T0, T0 + DAY);
        assertThat(source.rollups().coveredUntil(InfluxRollups.Tier.HOUR)).hasValue(T0 + DAY);
        List<HistoryPoint> rolledHours = new ArrayList<>();                // one hour-rollup row per step
        List<HistoryPoint> rolledHalfHours = new ArrayList<>();            // three 10-minute rows joined per step
        source.aggregated(CH4, T0, T0 + DAY, 3_600_000, rolledHours::add);
        source.aggregated(CH4, T0, T0 + DAY, 1_800_000, rolledHalfHours::add);
        assertSameAggregates(rolledHours, rawHours, 24, 3_600);
        assertSameAggregates(rolledHalfHours, rawHalfHours, 48, 1_800);
        assertThat(rolledHours.get(13).max()).isGreaterThan(1.2);   // the incident at 13:53
    }

    private static void assertSameAggregates(List<HistoryPoint> rolled, List<HistoryPoint> raw, int steps,
            long perStep) {
        assertThat(rolled).hasSize(steps).hasSameSizeAs(raw);
        for (int i = 0; i < raw.size(); i++) {
            assertThat(rolled.get(i).timestampMillis()).isEqualTo(raw.get(i).timestampMillis());
            assertThat(rolled.get(i).count()).isEqualTo(perStep);
            assertThat(rolled.get(i).min()).isEqualTo(raw.get(i).min());
            assertThat(rolled.get(i).max()).isEqualTo(raw.get(i).max());
            assertThat(rolled.get(i).last()).isEqualTo(raw.get(i).last());
            assertThat(rolled.get(i).mean()).isCloseTo(raw.get(i).mean(), offset(1e-9));
        }
    }

    @Test
    void manySensorsAtOnceGiveWhatEachGivesAloneInTheOrderAsked() throws Exception {
        InfluxHistorySource source = new InfluxHistorySource(config, Clock.systemUTC());
        source.rollups().rebuild(T0, T0 + 13 * 3_600_000L);   // rollups until 13:00, raw points after
        List<SensorSeries> asked = List.of(CH4_B, CO, CH4);
        long step = 2 * 3_600_000L;                             // the 12:00 step is half rollup, half raw
        List<List<HistoryPoint>> together = new ArrayList<>();
        source.aggregated(asked, T0, T0 + DAY, step, new SeriesSink() {
            @Override
            public void beginSeries(int index) {
                assertThat(index).isEqualTo(together.size());
                together.add(new ArrayList<>());
            }

            @Override
            public void point(HistoryPoint point) {
                together.get(together.size() - 1).add(point);
            }

            @Override
            public void endSeries(int index) {
            }
        });
        assertThat(together).hasSize(3);
        for (int i = 0; i < asked.size(); i++) {
            List<HistoryPoint> alone = new ArrayList<>();
            source.aggregated(asked.get(i), T0, T0 + DAY, step, alone::add);
            assertThat(alone).hasSize(12);
            assertThat(together.get(i)).as(asked.get(i).sensor()).isEqualTo(alone);
        }
        assertThat(together.get(0).get(0).count()).isEqualTo(720);   // CH4-B every 10 s
        assertThat(together.get(1).get(0).max()).isEqualTo(17.0);     // CO-A
        assertThat(together.get(2).get(6).count()).isEqualTo(7_200);  // CH4-A, 12:00 to 14:00 across both sources
        assertThat(together.get(2).get(6).max()).isGreaterThan(1.2);
    }

    @Test
    void aDayExportStreamsWithoutHoldingTheDay() throws Exception {
        InfluxHistorySource source = new InfluxHistorySource(config, Clock.systemUTC());
        HistoryService history = new HistoryService(source, new StepPolicy(2_000));
        HistoryQuery query = history.plan(List.of(CH4), T0, T0 + DAY, null, true);
        long[] written = {0};
        long[] maxBehind = {0};
        long[] rows = {0};
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
            }
        };
        history.run(query, new CsvHistoryOutput(out), (index, time) -> {
            rows[0]++;
            maxBehind[0] = Math.max(maxBehind[0], rows[0] * 40 - written[0]);
        });
        assertThat(rows[0]).isEqualTo(86_400);
        assertThat(maxBehind[0]).isLessThan(64 * 1024);
    }
}
