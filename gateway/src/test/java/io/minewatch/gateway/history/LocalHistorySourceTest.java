package io.minewatch.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.storage.HistoryPoint;
import io.minewatch.gateway.storage.LocalStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalHistorySourceTest {

    private static final long T0 = 1_763_800_000_000L;

    @TempDir
    Path dir;

    @Test
    void aggregatesTheSameAsTheStoreItself() throws Exception {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < 3_600; i++) {
            readings.add(new Reading("CM01", "CH4-1", Kind.CH4, 0.3 + (i % 97) / 100.0, T0 + i * 1_000L,
                    Quality.GOOD, true, T0));
        }
        try (LocalStore store = LocalStore.open(dir)) {
            store.write(readings, List.of());
            List<HistoryPoint> expected = store.history(Kind.CH4, "CH4-1", T0 - T0 % 60_000, T0 + 3_660_000,
                    Duration.ofMinutes(1));
            List<HistoryPoint> actual = new ArrayList<>();
            new LocalHistorySource(dir).aggregated(new SensorSeries("CH4-1", Kind.CH4), T0 - T0 % 60_000,
                    T0 + 3_660_000, 60_000, actual::add);
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                HistoryPoint e = expected.get(i);
                HistoryPoint a = actual.get(i);
                assertThat(a.timestampMillis()).isEqualTo(e.timestampMillis());
                assertThat(a.count()).isEqualTo(e.count());
                assertThat(a.min()).isEqualTo(e.min());
                assertThat(a.max()).isEqualTo(e.max());
                assertThat(a.last()).isEqualTo(e.last());
                assertThat(a.mean()).isCloseTo(e.mean(), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void rawReadingsKeepTheirSiteAndQuality() throws Exception {
        try (LocalStore store = LocalStore.open(dir)) {
            store.write(List.of(new Reading("CM01", "CH4-1", Kind.CH4, 0.4, T0, Quality.BAD, true, T0)), List.of());
        }
        List<Reading> out = new ArrayList<>();
        new LocalHistorySource(dir).raw(new SensorSeries("CH4-1", Kind.CH4), T0, T0 + 1, out::add);
        assertThat(out).singleElement().satisfies(r -> {
            assertThat(r.site()).isEqualTo("CM01");
            assertThat(r.quality()).isEqualTo(Quality.BAD);
            assertThat(r.value()).isEqualTo(0.4);
        });
    }
}
