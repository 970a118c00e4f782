package io.minewatch.simulators.bench;

import java.nio.charset.StandardCharsets;

/**
 * The readings of one publisher connection in one rate step: its sensors take turns, one message each, and every
 * sensor's timestamps strictly increase (so no two readings of a series share a timestamp and InfluxDB keeps them
 * all). Normal readings sit at 0.3 % CH4; a share of readings (spread evenly over the stream) is 1.2 %, above the
 * 1.0 % alarm of the working-face profile, and the sensor's next reading clears it again; a sensor never sends two
 * crossing readings in a row. Not thread-safe: one stream per publishing thread.
 */
public final class ReadingStream {

    /** CH4 of a crossing reading: above the working face's 1.0 % alarm, below its 1.5 % power cut. */
    public static final String ALARM_VALUE = "1.2";
    public static final String NORMAL_VALUE = "0.3";

    private final String[] topics;
    private final String[] sensorIds;
    private final long[] lastTimestamp;
    private final boolean[] lastCrossed;
    private final double alarmShare;
    private final int readingsPerMessage;
    private int next;
    private double credit;

    /** One message: where it goes, its bytes, its reading count and the timestamps of its crossing readings. */
    public record Message(String topic, String sensor, byte[] payload, int readings, long[] alarmTimestamps) {
    }

    private static final long[] NONE = new long[0];

    public ReadingStream(String site, int firstSensor, int sensorCount, double alarmShare, int readingsPerMessage) {
        this.topics = new String[sensorCount];
        this.sensorIds = new String[sensorCount];
        for (int i = 0; i < sensorCount; i++) {
            sensorIds[i] = sensorId(site, firstSensor + i);
            topics[i] = "minewatch/" + site + "/" + sensorIds[i];
        }
        this.lastTimestamp = new long[sensorCount];
        this.lastCrossed = new boolean[sensorCount];
        this.alarmShare = alarmShare;
        this.readingsPerMessage = readingsPerMessage;
    }

    public static String sensorId(String site, int index) {
        return site + "-CH4-" + index;
    }

    /** The next message, its readings stamped from {@code nowMillis} on. */
    public Message next(long nowMillis) {
        int sensor = next;
        next = (next + 1) % topics.length;
        StringBuilder json = new StringBuilder(readingsPerMessage == 1 ? 64 : 60 * readingsPerMessage + 2);
        if (readingsPerMessage > 1) {
            json.append('[');
        }
        long[] alarms = NONE;
        for (int r = 0; r < readingsPerMessage; r++) {
            long ts = Math.max(nowMillis, lastTimestamp[sensor] + 1);
            lastTimestamp[sensor] = ts;
            credit += alarmShare;
            // A crossing reading right after a crossing one would raise nothing: the alarm is still active.
            boolean crossing = credit >= 1.0 && !lastCrossed[sensor];
            if (crossing) {
                credit -= 1.0;
            }
            lastCrossed[sensor] = crossing;
            if (crossing) {
                alarms = java.util.Arrays.copyOf(alarms, alarms.length + 1);
                alarms[alarms.length - 1] = ts;
            }
            if (r > 0) {
                json.append(',');
            }
            json.append("{\"value\":").append(crossing ? ALARM_VALUE : NORMAL_VALUE)
                    .append(",\"ts\":").append(ts).append(",\"kind\":\"ch4\",\"unit\":\"%\"}");
        }
        if (readingsPerMessage > 1) {
            json.append(']');
        }
        return new Message(topics[sensor], sensorIds[sensor], json.toString().getBytes(StandardCharsets.US_ASCII),
                readingsPerMessage, alarms);
    }
}
