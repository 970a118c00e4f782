package io.minewatch.gateway.whatif;

import java.util.List;

/** A what-if over {@code [from, to)}: per sensor with an alarm under either rule set, what each raised. */
public record WhatIfReport(long fromMillis, long toMillis, long readings, List<SensorComparison> sensors) {

    public int currentCount() {
        return sensors.stream().mapToInt(s -> s.current().size()).sum();
    }

    public int proposedCount() {
        return sensors.stream().mapToInt(s -> s.proposed().size()).sum();
    }
}
