package io.minewatch.gateway.rules;

import static io.minewatch.config.rules.Level.BLUE;
import static io.minewatch.config.rules.Level.ORANGE;
import static io.minewatch.config.rules.Level.RED;
import static io.minewatch.config.rules.Level.YELLOW;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Direction;
import io.minewatch.config.rules.LevelThreshold;
import io.minewatch.config.rules.Rule;
import io.minewatch.config.rules.Signal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Rules written out from DOMAIN.md, readings, and a fixed clock for the rule engine tests. */
final class RuleFixtures {

    static final Instant NOW = Instant.parse("2025-11-22T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Readings start a day before the clock's time, so reading and event times never coincide by accident. */
    static final long T0 = NOW.toEpochMilli() - Duration.ofDays(1).toMillis();
    static final String SITE = "CM01";

    private RuleFixtures() {
    }

    /** DOMAIN.md §1, coal working face (T1): alarm ≥ 1.0, power cut ≥ 1.5, restore < 1.0. */
    static Rule ch4WorkingFace() {
        return ch4WorkingFace(Duration.ZERO);
    }

    static Rule ch4WorkingFace(Duration minDuration) {
        return new Rule("ch4", Signal.VALUE, Direction.ABOVE, List.of(
                new LevelThreshold("alarm", ORANGE, 1.0, 1.0),
                new LevelThreshold("power_cut", RED, 1.5, 1.0)), minDuration);
    }

    /** DOMAIN.md §1, working-face return airway (T2): alarm and power cut both at 1.0, restore < 1.0. */
    static Rule ch4ReturnAirway() {
        return new Rule("ch4", Signal.VALUE, Direction.ABOVE, List.of(
                new LevelThreshold("alarm", ORANGE, 1.0, 1.0),
                new LevelThreshold("power_cut", RED, 1.0, 1.0)), Duration.ZERO);
    }

    static Rule ch4ReturnAirwayAs(String id) {
        Rule rule = ch4ReturnAirway();
        return new Rule(id, rule.signal(), rule.direction(), rule.levels(), rule.minDuration());
    }

    /** DOMAIN.md §1, air limits: O2 must stay ≥ 20 %, the rule fires below. */
    static Rule o2Intake() {
        return new Rule("o2", Signal.VALUE, Direction.BELOW, List.of(LevelThreshold.of("alarm", ORANGE, 20.0)),
                Duration.ZERO);
    }

    /** DOMAIN.md §1, air limits: CO ≤ 24 ppm. */
    static Rule co() {
        return new Rule("co", Signal.VALUE, Direction.ABOVE, List.of(LevelThreshold.of("alarm", ORANGE, 24.0)),
                Duration.ZERO);
    }

    /** A pond water level with four levels, each restored 0.2 m below its entry (site-set, DOMAIN.md §2). */
    static Rule pondWaterLevel() {
        return new Rule("water_level", Signal.VALUE, Direction.ABOVE, List.of(
                new LevelThreshold("blue", BLUE, 10.0, 9.8),
                new LevelThreshold("yellow", YELLOW, 11.0, 10.8),
                new LevelThreshold("orange", ORANGE, 12.0, 11.8),
                new LevelThreshold("red", RED, 13.0, 12.8)), Duration.ZERO);
    }

    /** DOMAIN.md §3: horizontal displacement > 10 mm/day, here over a 6-hour window. */
    static Rule displacementRate() {
        return new Rule("displacement_rate", Signal.rate(Duration.ofHours(6), Duration.ofDays(1)), Direction.ABOVE,
                List.of(LevelThreshold.of("warning", ORANGE, 10.0)), Duration.ZERO);
    }

    static Reading reading(String sensor, Kind kind, long timestampMillis, double value) {
        return reading(sensor, kind, timestampMillis, value, Quality.GOOD);
    }

    static Reading reading(String sensor, Kind kind, long timestampMillis, double value, Quality quality) {
        return new Reading(SITE, sensor, kind, value, timestampMillis, quality, true, timestampMillis + 5);
    }

    static Reading ch4(String sensor, long timestampMillis, double value) {
        return reading(sensor, Kind.CH4, timestampMillis, value);
    }

    static long seconds(long seconds) {
        return T0 + seconds * 1000;
    }
}
