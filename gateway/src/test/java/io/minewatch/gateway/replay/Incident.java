package io.minewatch.gateway.replay;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.quantity.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An hour of one CH4 sensor at a working face, one reading a second: 0.5 % with a bump to 0.9 % at minutes 10–12
 * (below the 1.0 % alarm) and an incident at 1.2 % in minutes 30–33, 1.6 % (power cut) in minute 31: raised, escalated, cleared.
 */
public final class Incident {

    public static final String SENSOR = "CM01-CH4-T1";
    public static final long T0 = 1_763_805_600_000L;   // 2025-11-22T10:00:00Z
    public static final long HOUR = 3_600_000L;
    public static final String CONFIG = """
            sites:
              - id: CM01
                type: coal_mine
                sensors:
                  - { id: CM01-CH4-T1, kind: ch4, location: "working face 1201", profile: coal_ch4_working_face }
            """;
    /** The what-if: alarm at 0.8 % instead of 1.0 %. */
    public static final String ALARM_AT_0_8 = """
            profiles:
              coal_ch4_working_face:
                kind: ch4
                rules:
                  - id: ch4
                    direction: above
                    levels:
                      - { name: alarm, level: orange, enter: 0.8, exit: 0.8 }
                      - { name: power_cut, level: red, enter: 1.5, exit: 0.8 }
            """;

    private Incident() {
    }

    public static MinewatchConfig config() {
        return ConfigLoader.load(CONFIG, Path.of("incident.yaml"));
    }

    public static List<Reading> readings() {
        List<Reading> readings = new ArrayList<>();
        for (int s = 0; s < 3_600; s++) {
            readings.add(new Reading("CM01", SENSOR, Kind.CH4, value(s), T0 + s * 1_000L, Quality.GOOD, true,
                    T0 + s * 1_000L));
        }
        return readings;
    }

    /** The reading {@code second} seconds into the hour. */
    public static double value(int second) {
        int minute = second / 60;
        return minute >= 10 && minute < 12 ? 0.9
                : minute == 31 ? 1.6
                : minute >= 30 && minute < 33 ? 1.2
                : 0.5;
    }
}
