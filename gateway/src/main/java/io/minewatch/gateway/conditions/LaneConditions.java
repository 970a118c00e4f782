package io.minewatch.gateway.conditions;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.ConditionLimits;
import io.minewatch.config.ConditionsConfig;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.forecast.SlopeForecast;
import io.minewatch.gateway.maintenance.Maintenance;
import io.minewatch.gateway.maintenance.MaintenanceBoard;
import io.minewatch.gateway.rules.ActiveAlarm;
import io.minewatch.gateway.rules.AlarmIds;
import io.minewatch.gateway.rules.ReadingConditions;
import io.minewatch.gateway.rules.RestoredAlarms;
import io.minewatch.gateway.rules.RuleBook;
import io.minewatch.gateway.rules.RuleEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sensor conditions checked on a pipeline lane before the threshold rules, one instance per lane's
 * {@link RuleEngine} (so per-sensor state needs no lock). For every reading, in this order:
 *
 * <ol>
 *   <li>The {@link OfflineMonitor} is told the sensor reported.</li>
 *   <li><b>Maintenance</b>: a sensor in maintenance has the reading withheld from the rule engine, so none of its
 *       alarms is raised, escalated, de-escalated or cleared. A shadow rule engine, started fresh for each window,
 *       evaluates the reading instead and each alarm it would have raised or escalated is counted and logged as
 *       suppressed ({@link MaintenanceBoard#suppressed}). Alarms active when the window began stay active: a real
 *       alarm is never hidden by starting maintenance afterwards; they are evaluated again once the window ends.</li>
 *   <li><b>Out of range</b> (GOOD readings): a value outside the sensor's range ({@link ConditionLimits}) raises
 *       {@link ConditionRules#OUT_OF_RANGE} (yellow) and is withheld from the rules, so a broken sensor's 999 raises
 *       no methane alarm, and, as safely, cannot clear one that is active. The first GOOD reading in range clears
 *       it. The default range is the kind's physical range, so by default nothing a real sensor could report is
 *       withheld; a site narrowing it to a device's measuring range should keep full scale inside it, since a
 *       saturated sensor reports full scale and must still alarm.</li>
 *   <li><b>Flatline</b> (GOOD readings in range, in time order): a value exactly equal to the previous one for the
 *       sensor's flatline time raises {@link ConditionRules#FLATLINE} (yellow); any change clears it. A value at
 *       the bottom of the range (clean air, no rain) is what a working sensor reports for days and does not count.
 *       </li>
 *   <li><b>Slope forecast</b> for the kinds of {@code conditions.forecast} ({@link SlopeForecast}).</li>
 * </ol>
 *
 * <p>Condition alarms active before a restart (given as {@link RestoredAlarms}) continue under their ids from the
 * sensor's first reading.
 */
public final class LaneConditions implements ReadingConditions {

    private static final Logger LOG = LoggerFactory.getLogger(LaneConditions.class);
    static final Level LEVEL = Level.YELLOW;

    /** Per-sensor state; confined to the lane. */
    private static final class SensorState {
        final ConditionLimits limits;
        final long flatlineMillis;
        final SlopeForecast forecast;
        double lastValue = Double.NaN;
        long lastMillis = Long.MIN_VALUE;
        long constantSinceMillis;
        ActiveAlarm flatline;
        ActiveAlarm outOfRange;
        long outOfRangeMillis = Long.MIN_VALUE;
        Maintenance shadowWindow;
        RuleEngine shadow;

        SensorState(ConditionLimits limits, SlopeForecast forecast) {
            this.limits = limits;
            this.flatlineMillis = limits.flatlineAfter().toMillis();
            this.forecast = forecast;
        }
    }

    private final ConditionsConfig config;
    private final RuleBook ruleBook;
    private final MaintenanceBoard maintenance;
    private final OfflineMonitor offline;
    private final RestoredAlarms restored;
    private final Clock clock;
    private final AlarmIds ids;
    private final Map<String, SensorState> sensors = new HashMap<>();
    private final List<AlarmEvent> shadowEvents = new ArrayList<>();

    public LaneConditions(ConditionsConfig config, RuleBook ruleBook, MaintenanceBoard maintenance,
            OfflineMonitor offline, RestoredAlarms restored, Clock clock, AlarmIds ids) {
        this.config = Objects.requireNonNull(config, "config");
        this.ruleBook = Objects.requireNonNull(ruleBook, "ruleBook");
        this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
        this.offline = Objects.requireNonNull(offline, "offline");
        this.restored = Objects.requireNonNull(restored, "restored");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public boolean admit(Reading reading, List<AlarmEvent> out) {
        offline.seen(reading);
        SensorState state = sensors.get(reading.sensor());
        if (state == null) {
            state = newState(reading);
            sensors.put(reading.sensor(), state);
        }
        Maintenance window = maintenance.active(reading.sensor());
        if (window != null) {
            suppress(state, window, reading);
            return false;
        }
        state.shadow = null;
        state.shadowWindow = null;
        if (reading.quality() != Quality.GOOD) {
            return true;
        }
        double value = reading.value();
        ConditionLimits limits = state.limits;
        if (value < limits.rangeMin() || value > limits.rangeMax()) {
            outOfRange(state, reading, out);
            return false;
        }
        if (state.outOfRange != null && reading.timestampMillis() >= state.outOfRangeMillis) {
            clear(state.outOfRange, reading, "value back in range", out);
            state.outOfRange = null;
        }
        if (state.flatlineMillis > 0) {
            flatline(state, reading, out);
        }
        if (state.forecast != null) {
            state.forecast.add(reading, out);
        }
        return true;
    }

    private SensorState newState(Reading reading) {
        ConditionLimits limits = config.limitsFor(reading.sensor(), reading.kind());
        ActiveAlarm restoredForecast = null;
        ActiveAlarm restoredFlatline = null;
        ActiveAlarm restoredRange = null;
        for (ActiveAlarm alarm : restored.of(reading.sensor())) {
            switch (alarm.ruleId()) {
                case ConditionRules.SLOPE_FORECAST -> restoredForecast = alarm;
                case ConditionRules.FLATLINE -> restoredFlatline = alarm;
                case ConditionRules.OUT_OF_RANGE -> restoredRange = alarm;
                default -> { }
            }
        }
        SlopeForecast forecast = config.forecast().kinds().contains(reading.kind())
                ? new SlopeForecast(config.forecast(), ids, clock, restoredForecast) : null;
        SensorState state = new SensorState(limits, forecast);
        state.outOfRange = restoredRange;
        if (restoredFlatline != null) {
            // The value it was stuck at is the alarm's value: the same value again keeps it, another clears it.
            state.flatline = restoredFlatline;
            state.lastValue = restoredFlatline.value();
            state.constantSinceMillis = reading.timestampMillis();
        }
        return state;
    }

    private void suppress(SensorState state, Maintenance window, Reading reading) {
        if (state.shadow == null || state.shadowWindow != window) {
            // Each window starts from no alarm: what is counted is what the window itself would have raised.
            state.shadow = new RuleEngine(ruleBook, clock, () -> "suppressed");
            state.shadowWindow = window;
        }
        try {
            state.shadow.evaluate(reading, shadowEvents);
            for (AlarmEvent wouldBe : shadowEvents) {
                if (wouldBe.transition() == AlarmTransition.RAISED
                        || wouldBe.transition() == AlarmTransition.ESCALATED) {
                    maintenance.suppressed(wouldBe);
                }
            }
        } finally {
            shadowEvents.clear();
        }
    }

    private void outOfRange(SensorState state, Reading reading, List<AlarmEvent> out) {
        state.outOfRangeMillis = Math.max(state.outOfRangeMillis, reading.timestampMillis());
        if (state.outOfRange != null) {
            return;
        }
        ConditionLimits limits = state.limits;
        double bound = reading.value() > limits.rangeMax() ? limits.rangeMax() : limits.rangeMin();
        long now = clock.millis();
        state.outOfRange = new ActiveAlarm(ids.next(), reading.site(), reading.sensor(), reading.kind(),
                ConditionRules.OUT_OF_RANGE, ConditionRules.OUT_OF_RANGE, LEVEL, bound, reading.value(), now, now);
        LOG.warn("sensor {} site {}: value {} outside its range {}..{} {}: kept from the threshold rules, raising {}",
                reading.sensor(), reading.site(), reading.value(), limits.rangeMin(), limits.rangeMax(),
                reading.kind().canonicalUnit().symbol(), ConditionRules.OUT_OF_RANGE);
        out.add(ConditionAlarm.event(ids, AlarmTransition.RAISED, state.outOfRange, null, reading.timestampMillis(),
                now, reading.registered(), Map.of("range", limits.rangeMin() + ".." + limits.rangeMax())));
    }

    private void flatline(SensorState state, Reading reading, List<AlarmEvent> out) {
        long t = reading.timestampMillis();
        if (t < state.lastMillis) {
            return;
        }
        state.lastMillis = t;
        double value = reading.value();
        if (value != state.lastValue) {
            state.lastValue = value;
            state.constantSinceMillis = t;
            if (state.flatline != null) {
                clear(state.flatline, reading, "value changed", out);
                state.flatline = null;
            }
            return;
        }
        if (state.flatline != null || value == state.limits.rangeMin()
                || t - state.constantSinceMillis < state.flatlineMillis) {
            return;
        }
        long now = clock.millis();
        double thresholdSeconds = state.flatlineMillis / 1000.0;
        state.flatline = new ActiveAlarm(ids.next(), reading.site(), reading.sensor(), reading.kind(),
                ConditionRules.FLATLINE, ConditionRules.FLATLINE, LEVEL, thresholdSeconds, value, now, now);
        String since = Instant.ofEpochMilli(state.constantSinceMillis).toString();
        LOG.warn("sensor {} site {}: value {} unchanged since {}, raising {}", reading.sensor(), reading.site(), value,
                since, ConditionRules.FLATLINE);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("constant_since", since);
        details.put("flatline_after", state.limits.flatlineAfter().toString());
        out.add(ConditionAlarm.event(ids, AlarmTransition.RAISED, state.flatline, null, t, now, reading.registered(),
                details));
    }

    private void clear(ActiveAlarm alarm, Reading reading, String why, List<AlarmEvent> out) {
        LOG.info("sensor {} site {}: {}, clearing {} alarm {}", reading.sensor(), reading.site(), why, alarm.ruleId(),
                alarm.alarmId());
        ActiveAlarm left = ConditionAlarm.moved(alarm, alarm.levelName(), alarm.level(), alarm.threshold(),
                reading.value(), clock.millis());
        out.add(ConditionAlarm.event(ids, AlarmTransition.CLEARED, left, alarm.level(), reading.timestampMillis(),
                clock.millis(), reading.registered(), Map.of("cleared_because", why)));
    }
}
