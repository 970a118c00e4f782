package io.minewatch.simulators.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.minewatch.config.quantity.Unit;
import io.minewatch.simulators.fleet.Fleet;
import io.minewatch.simulators.fleet.SimulatedSensor;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DemoSitesTest {

    private static final Instant START = Instant.parse("2025-11-22T09:30:00.123Z");
    private static final long START_MILLIS = START.toEpochMilli();

    /** Built-in profiles and the kind each is for. */
    private static final Map<String, String> PROFILE_KINDS = Map.of(
            "coal_ch4_working_face", "ch4",
            "coal_ch4_return_airway", "ch4",
            "coal_co", "co",
            "coal_o2", "o2",
            "coal_dust_total", "dust",
            "tailings_water_level", "water_level",
            "tailings_phreatic_line", "phreatic_line",
            "slope_gnss_displacement", "displacement");

    private final Fleet fleet = DemoSites.fleet(DemoSites.DEFAULT_SEED, START);

    @Test
    void demoConfigurationListsExactlyTheSensorsTheFleetPublishes() throws IOException {
        JsonNode config = demoConfig();

        List<String> configured = new ArrayList<>();
        for (JsonNode site : config.path("sites")) {
            for (JsonNode sensor : site.path("sensors")) {
                configured.add(site.path("id").asText() + "/" + sensor.path("id").asText() + "/"
                        + sensor.path("kind").asText());
            }
        }
        List<String> published = fleet.sensors().stream()
                .map(sensor -> sensor.site() + "/" + sensor.id() + "/" + sensor.kind().id())
                .toList();

        assertThat(configured).containsExactlyElementsOf(published);
    }

    @Test
    void demoConfigurationRegistersSitesOnly() throws IOException {
        JsonNode config = demoConfig();

        List<String> keys = new ArrayList<>();
        config.fieldNames().forEachRemaining(keys::add);
        Map<String, String> siteTypes = new HashMap<>();
        config.path("sites").forEach(site -> siteTypes.put(site.path("id").asText(), site.path("type").asText()));

        assertThat(keys).containsExactly("sites");
        assertThat(siteTypes).containsOnly(entry("CM01", "coal_mine"), entry("TP01", "tailings_pond"));
    }

    @Test
    void everyConfiguredSensorNamesABuiltInProfileForItsKind() throws IOException {
        Map<String, String> profiles = new HashMap<>();
        for (JsonNode site : demoConfig().path("sites")) {
            for (JsonNode sensor : site.path("sensors")) {
                String profile = sensor.path("profile").asText();
                assertThat(PROFILE_KINDS).as(sensor.path("id").asText()).containsEntry(profile,
                        sensor.path("kind").asText());
                assertThat(sensor.path("location").asText()).as(sensor.path("id").asText()).isNotBlank();
                profiles.put(sensor.path("id").asText(), profile);
            }
        }

        assertThat(profiles).contains(
                entry("CM01-CH4-T1", "coal_ch4_working_face"),
                entry("CM01-CH4-T2", "coal_ch4_return_airway"));
    }

    @Test
    void workingFaceAlarmsCutsPowerAndRestoresWithinTheFirstMinute() {
        SimulatedSensor face = fleet.require("CM01-CH4-T1");

        long alarm = firstSecond(face, 0, 60, v -> v >= 1.0);
        long powerCut = firstSecond(face, alarm, 60, v -> v >= 1.5);
        long restored = firstSecond(face, powerCut, 60, v -> v < 1.0);

        assertThat(alarm).isBetween(20L, 60L);
        assertThat(powerCut).isGreaterThan(alarm);
        assertThat(restored).isGreaterThan(powerCut).isLessThanOrEqualTo(60L);
        assertThat(firstSecond(face, 0, 20, v -> v >= 1.0)).as("nothing before T+20 s").isEqualTo(-1);
    }

    @Test
    void workingFaceIncidentRepeatsEveryFourMinutes() {
        SimulatedSensor face = fleet.require("CM01-CH4-T1");
        long period = DemoSites.INCIDENT_PERIOD.toSeconds();

        long first = firstSecond(face, 0, 60, v -> v >= 1.0);
        long second = firstSecond(face, first + 60, first + period + 10, v -> v >= 1.0);

        assertThat(firstSecond(face, 60, period, v -> v >= 1.0)).as("quiet between incidents").isEqualTo(-1);
        assertThat(second - first).isBetween(period - 1, period + 1);
    }

    @Test
    void returnAirwayRisesWithEachIncidentButStaysUnderItsAlarm() {
        SimulatedSensor returnAirway = fleet.require("CM01-CH4-T2");

        double[] tenMinutes = LongStream.range(0, 600)
                .mapToDouble(s -> returnAirway.valueAt(START_MILLIS + s * 1000)).toArray();

        assertThat(Arrays.stream(tenMinutes).max().orElseThrow()).isBetween(0.6, 0.99);
    }

    @Test
    void onlyTheSecondGnssPointReportsOutsideItsCanonicalUnit() {
        List<String> nonCanonical = fleet.sensors().stream()
                .filter(sensor -> sensor.unit() != sensor.kind().canonicalUnit())
                .map(SimulatedSensor::id)
                .toList();
        SimulatedSensor gnss2 = fleet.require("TP01-GNSS-02");

        assertThat(nonCanonical).containsExactly("TP01-GNSS-02");
        assertThat(gnss2.unit()).isEqualTo(Unit.METRE);
        assertThat(gnss2.valueAt(START_MILLIS)).isBetween(0.01, 0.03);
        assertThat(fleet.require("TP01-GNSS-01").valueAt(START_MILLIS)).isBetween(25.0, 35.0);
    }

    @Test
    void everySensorStaysPlausibleOverADay() {
        Map<String, double[]> ranges = Map.of(
                "CM01-CH4-T1", new double[] {0.15, 1.85},
                "CM01-CH4-T2", new double[] {0.15, 1.0},
                "CM01-CO-01", new double[] {2, 8},
                "CM01-O2-01", new double[] {20.6, 20.9},
                "CM01-DUST-01", new double[] {0.3, 10},
                "TP01-WL-01", new double[] {7.0, 9.5},
                "TP01-PL-01", new double[] {6.0, 8.0},
                "TP01-GNSS-01", new double[] {27.5, 33.0},
                "TP01-GNSS-02", new double[] {0.0155, 0.0205});

        assertThat(ranges.keySet()).containsExactlyInAnyOrderElementsOf(
                fleet.sensors().stream().map(SimulatedSensor::id).toList());
        for (SimulatedSensor sensor : fleet.sensors()) {
            double[] range = ranges.get(sensor.id());
            for (long t = START_MILLIS; t < START_MILLIS + Duration.ofDays(1).toMillis(); t += 13_000) {
                assertThat(sensor.valueAt(t)).as("%s at %s", sensor.id(), Instant.ofEpochMilli(t))
                        .isBetween(range[0], range[1]);
            }
        }
    }

    @Test
    void sameSeedAndStartGiveTheSameReadingsAndAnotherSeedOthers() {
        Fleet again = DemoSites.fleet(DemoSites.DEFAULT_SEED, START);
        Fleet other = DemoSites.fleet(DemoSites.DEFAULT_SEED + 1, START);

        for (int i = 0; i < fleet.size(); i++) {
            double[] series = series(fleet.sensors().get(i));
            assertThat(series(again.sensors().get(i))).containsExactly(series);
            assertThat(series(other.sensors().get(i))).as(fleet.sensors().get(i).id()).isNotEqualTo(series);
        }
    }

    private static double[] series(SimulatedSensor sensor) {
        return LongStream.range(0, 3_600).mapToDouble(s -> sensor.valueAt(START_MILLIS + s * 1000)).toArray();
    }

    /** The first whole second in [from, to] after start at which the sensor's reading passes, or -1. */
    private static long firstSecond(SimulatedSensor sensor, long from, long to,
            DoublePredicate passes) {
        for (long second = from; second <= to; second++) {
            if (passes.test(sensor.valueAt(START_MILLIS + second * 1000))) {
                return second;
            }
        }
        return -1;
    }

    private static JsonNode demoConfig() throws IOException {
        try (InputStream in = DemoSites.openConfig()) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }
}
