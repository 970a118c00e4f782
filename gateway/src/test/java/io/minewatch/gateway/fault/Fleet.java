package io.minewatch.gateway.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The sensors a fault test publishes for: CH4 sensors of one coal mine on profile {@code coal_ch4_working_face}, whose
 * readings stay below the alarm threshold, and optionally one CH4 sensor whose readings climb past 1.0 % and 1.5 % and
 * fall back again and again, so that alarm transitions happen throughout the run.
 */
record Fleet(String site, List<String> quietSensors, String alarmingSensor) {

    static final String SITE = "FT01";
    static final String PROFILE = "coal_ch4_working_face";
    /** Readings of one rise and fall of the alarming sensor. */
    static final int ALARM_CYCLE = 40;

    Fleet {
        quietSensors = List.copyOf(quietSensors);
    }

    static Fleet quiet(int sensors) {
        return new Fleet(SITE, ids(sensors), null);
    }

    static Fleet withAlarmingSensor(int quietSensors) {
        return new Fleet(SITE, ids(quietSensors), SITE + "-CH4-ALARM");
    }

    private static List<String> ids(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> SITE + "-CH4-%03d".formatted(i)).toList();
    }

    /** Every sensor, the alarming one last. */
    List<String> sensors() {
        List<String> all = new ArrayList<>(quietSensors);
        if (alarmingSensor != null) {
            all.add(alarmingSensor);
        }
        return all;
    }

    /**
     * The value of the {@code n}-th reading of a sensor, in %. Quiet sensors: 0.10 to 0.59. The alarming sensor rises
     * from 0.6 to a peak and falls back in {@value #ALARM_CYCLE} readings; the peak alternates between 1.8 (alarm,
     * then power cut) and 1.3 (alarm only).
     */
    double value(String sensor, long n) {
        if (sensor.equals(alarmingSensor)) {
            long phase = n % ALARM_CYCLE;
            long up = phase <= ALARM_CYCLE / 2 ? phase : ALARM_CYCLE - phase;
            long peakMilli = (n / ALARM_CYCLE) % 2 == 0 ? 1800 : 1300;
            return (600 + (peakMilli - 600) * up / (ALARM_CYCLE / 2)) / 1000.0;
        }
        return (10 + (n + (sensor.hashCode() & 0xffff)) % 50) / 100.0;
    }

    /** The {@code sites:} section of the gateway's configuration. */
    String sitesYaml() {
        StringBuilder yaml = new StringBuilder()
                .append("sites:\n")
                .append("  - id: ").append(site).append('\n')
                .append("    type: coal_mine\n")
                .append("    sensors:\n");
        for (String sensor : sensors()) {
            yaml.append("      - { id: ").append(sensor).append(", kind: ch4, location: \"working face\", profile: ")
                    .append(PROFILE).append(" }\n");
        }
        return yaml.toString();
    }
}
