package io.minewatch.gateway.storage;

import java.time.Duration;

/**
 * InfluxQL text for the queries of {@link InfluxDbStore}. Every value that comes from outside (sensor ids arrive in MQTT
 * topics) is quoted here, so no caller concatenates raw input into a query.
 */
public final class InfluxQl {

    private InfluxQl() {
    }

    /** A string literal: {@code 'it\'s'}. InfluxQL knows the escapes \\, \', \" and \n; a raw newline is an error. */
    public static String stringLiteral(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /** A quoted identifier: {@code "water_level"}; InfluxQL escapes \\ and \" inside one. */
    public static String identifier(String name) {
        StringBuilder out = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String createDatabase(String database) {
        return "CREATE DATABASE " + identifier(database);
    }

    static String rawHistory(String retentionPolicy, String measurement, String sensor, long fromMillis,
            long toMillis) {
        return "SELECT \"value\" FROM " + source(retentionPolicy, measurement)
                + " WHERE \"sensor\" = " + stringLiteral(sensor) + timeRange(fromMillis, toMillis);
    }

    static String aggregatedHistory(String retentionPolicy, String measurement, String sensor, long fromMillis,
            long toMillis, Duration step) {
        return "SELECT mean(\"value\"), min(\"value\"), max(\"value\"), last(\"value\"), count(\"value\") FROM "
                + source(retentionPolicy, measurement)
                + " WHERE \"sensor\" = " + stringLiteral(sensor) + timeRange(fromMillis, toMillis)
                + " GROUP BY time(" + HistoryArgs.stepMillis(step) + "ms) fill(none)";
    }

    static String alarmEvents(String retentionPolicy, String sensor, long fromMillis, long toMillis) {
        StringBuilder query = new StringBuilder("SELECT ");
        for (int i = 0; i < InfluxSchema.EVENT_COLUMNS.size(); i++) {
            query.append(i == 0 ? "" : ", ").append(identifier(InfluxSchema.EVENT_COLUMNS.get(i)));
        }
        query.append(" FROM ").append(source(retentionPolicy, InfluxSchema.ALARM_EVENTS))
                .append(" WHERE time >= ").append(fromMillis).append("ms AND time < ").append(toMillis).append("ms");
        if (sensor != null) {
            query.append(" AND \"sensor\" = ").append(stringLiteral(sensor));
        }
        return query.toString();
    }

    private static String source(String retentionPolicy, String measurement) {
        return identifier(retentionPolicy) + "." + identifier(measurement);
    }

    private static String timeRange(long fromMillis, long toMillis) {
        return " AND time >= " + fromMillis + "ms AND time < " + toMillis + "ms";
    }
}
