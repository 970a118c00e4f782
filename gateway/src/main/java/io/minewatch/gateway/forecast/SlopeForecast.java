package io.minewatch.gateway.forecast;

import io.minewatch.collectors.Reading;
import io.minewatch.config.ForecastConfig;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.conditions.ConditionAlarm;
import io.minewatch.gateway.conditions.ConditionRules;
import io.minewatch.gateway.rules.ActiveAlarm;
import io.minewatch.gateway.rules.AlarmIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inverse-velocity failure forecast of one displacement sensor (DOMAIN.md §3 lines 67-70), kept on the sensor's
 * lane.
 *
 * <ol>
 *   <li>Velocity, smoothed: each reading's displacement less that of the newest reading at least
 *       {@link ForecastConfig#smoothing()} older, over the time between, in mm/day; it is placed at the middle of that
 *       span, which removes the lag a trailing difference would give.</li>
 *   <li>Over the velocities of the last {@link ForecastConfig#window()}, a least-squares line through 1/v. The slope
 *       is accelerating when the line falls by at least {@link #MIN_SLOPE_T} standard errors of its slope (a fall that
 *       noise does not explain; GNSS noise makes single velocities scatter), the
 *       newest velocity is at least {@link ForecastConfig#minVelocity()}, and there are
 *       {@link ForecastConfig#minPoints()} velocities.</li>
 *   <li>Forecast failure time: where the line reaches zero. The alarm's level is the most severe whose horizon the
 *       remaining time (from the reading's time) is within; a time already past counts as within every horizon.
 *       Once raised, a level is kept while the remaining time stays within 110 % of its horizon, so a forecast that
 *       wobbles around a horizon does not chatter.</li>
 *   <li>No acceleration, or a remaining time beyond every horizon, clears the alarm; too few velocities to fit leave
 *       it as it is (no evidence either way).</li>
 * </ol>
 *
 * <p>The alarm (rule {@link ConditionRules#SLOPE_FORECAST}) has as threshold the horizon in hours and as value the
 * remaining hours; its details hold {@code forecast_failure_time}, {@code velocity_mm_per_day}, {@code fit_points}
 * and {@code fit_r2}. Only GOOD readings in time order feed it.
 */
public final class SlopeForecast {

    private static final Logger LOG = LoggerFactory.getLogger(SlopeForecast.class);
    static final double MIN_SLOPE_T = 3.0;
    private static final double HOLD_FACTOR = 1.1;
    private static final double MILLIS_PER_DAY = Duration.ofDays(1).toMillis();
    private static final double MILLIS_PER_HOUR = Duration.ofHours(1).toMillis();

    private record Sample(long millis, double value) {
    }

    private final ForecastConfig config;
    private final AlarmIds ids;
    private final Clock clock;
    private final long smoothingMillis;
    private final long windowMillis;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    /** Smoothed velocities: time (middle of the span) and mm/day. */
    private final ArrayDeque<Sample> velocities = new ArrayDeque<>();
    private double[] days = new double[16];
    private double[] inverse = new double[16];
    private long lastMillis = Long.MIN_VALUE;
    private long forecastMillis = Long.MIN_VALUE;
    private ActiveAlarm alarm;

    /** @param restored the sensor's forecast alarm active before a restart, or null */
    public SlopeForecast(ForecastConfig config, AlarmIds ids, Clock clock, ActiveAlarm restored) {
        this.config = Objects.requireNonNull(config, "config");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.smoothingMillis = config.smoothing().toMillis();
        this.windowMillis = config.window().toMillis();
        this.alarm = restored;
    }

    /** Takes one GOOD reading (displacement in mm) and appends the forecast alarm's transition, if any. */
    public void add(Reading reading, java.util.List<AlarmEvent> out) {
        long t = reading.timestampMillis();
        if (t <= lastMillis) {
            return;
        }
        lastMillis = t;
        samples.addLast(new Sample(t, reading.value()));
        while (samples.size() >= 2 && t - secondOldest().millis() >= smoothingMillis) {
            samples.pollFirst();
        }
        Sample base = samples.peekFirst();
        if (t - base.millis() < smoothingMillis) {
            return;
        }
        double velocity = (reading.value() - base.value()) / ((t - base.millis()) / MILLIS_PER_DAY);
        velocities.addLast(new Sample(base.millis() + (t - base.millis()) / 2, velocity));
        while (!velocities.isEmpty() && velocities.peekFirst().millis() < t - windowMillis) {
            velocities.pollFirst();
        }
        evaluate(reading, velocity, out);
    }

    /** The current forecast failure time, empty while the slope is not accelerating or cannot be fitted. */
    public OptionalLong forecastFailureMillis() {
        return forecastMillis == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(forecastMillis);
    }

    /** The forecast alarm in force, or null. */
    public ActiveAlarm alarm() {
        return alarm;
    }

    private Sample secondOldest() {
        Iterator<Sample> it = samples.iterator();
        it.next();
        return it.next();
    }

    private void evaluate(Reading reading, double velocity, java.util.List<AlarmEvent> out) {
        int n = velocities.size();
        if (n < config.minPoints()) {
            forecastMillis = Long.MIN_VALUE;
            return;
        }
        if (days.length < n) {
            days = new double[n * 2];
            inverse = new double[n * 2];
        }
        long origin = velocities.peekFirst().millis();
        int usable = 0;
        for (Sample v : velocities) {
            if (v.value() > 0) {
                days[usable] = (v.millis() - origin) / MILLIS_PER_DAY;
                inverse[usable] = 1.0 / v.value();
                usable++;
            }
        }
        InverseVelocityFit fit = usable == n ? InverseVelocityFit.of(days, inverse, n) : null;
        boolean accelerating = fit != null && fit.slope() < 0 && fit.slopeT() >= MIN_SLOPE_T
                && velocity >= config.minVelocity();
        if (!accelerating) {
            forecastMillis = Long.MIN_VALUE;
            if (alarm != null) {
                clear(reading, "the slope is no longer accelerating", out);
            }
            return;
        }
        forecastMillis = origin + Math.round(fit.zeroCrossing() * MILLIS_PER_DAY);
        long remaining = forecastMillis - reading.timestampMillis();
        Map.Entry<Level, Duration> target = levelFor(remaining);
        if (target == null) {
            if (alarm != null) {
                clear(reading, "forecast failure time beyond every horizon", out);
            }
            return;
        }
        move(reading, target, remaining, velocity, fit, out);
    }

    private Map.Entry<Level, Duration> levelFor(long remainingMillis) {
        Map.Entry<Level, Duration> chosen = null;
        for (Map.Entry<Level, Duration> horizon : config.horizons().entrySet()) {
            long limit = horizon.getValue().toMillis();
            if (alarm != null && !horizon.getKey().isAbove(alarm.level())) {
                limit = Math.round(limit * HOLD_FACTOR);
            }
            if (remainingMillis <= limit) {
                chosen = horizon;
            }
        }
        return chosen;
    }

    private void move(Reading reading, Map.Entry<Level, Duration> target, long remainingMillis, double velocity,
            InverseVelocityFit fit, java.util.List<AlarmEvent> out) {
        Level level = target.getKey();
        double threshold = target.getValue().toMillis() / MILLIS_PER_HOUR;
        double value = remainingMillis / MILLIS_PER_HOUR;
        long now = clock.millis();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("forecast_failure_time", Instant.ofEpochMilli(forecastMillis).toString());
        details.put("velocity_mm_per_day", String.format(java.util.Locale.ROOT, "%.3f", velocity));
        details.put("fit_points", Integer.toString(fit.points()));
        details.put("fit_r2", String.format(java.util.Locale.ROOT, "%.3f", fit.r2()));
        if (alarm == null) {
            alarm = new ActiveAlarm(ids.next(), reading.site(), reading.sensor(), reading.kind(),
                    ConditionRules.SLOPE_FORECAST, level.id(), level, threshold, value, now, now);
            LOG.warn("sensor {} site {}: slope accelerating, failure forecast at {} ({} h from the reading), {}",
                    reading.sensor(), reading.site(), details.get("forecast_failure_time"), Math.round(value),
                    level.id());
            out.add(ConditionAlarm.event(ids, AlarmTransition.RAISED, alarm, null, reading.timestampMillis(), now,
                    reading.registered(), details));
        } else if (level != alarm.level()) {
            Level previous = alarm.level();
            alarm = ConditionAlarm.moved(alarm, level.id(), level, threshold, value, now);
            LOG.warn("sensor {} site {}: slope failure forecast at {} ({} h from the reading), now {}",
                    reading.sensor(), reading.site(), details.get("forecast_failure_time"), Math.round(value),
                    level.id());
            out.add(ConditionAlarm.event(ids, ConditionAlarm.between(previous, level), alarm, previous,
                    reading.timestampMillis(), now, reading.registered(), details));
        }
    }

    private void clear(Reading reading, String why, java.util.List<AlarmEvent> out) {
        long now = clock.millis();
        ActiveAlarm left = alarm;
        alarm = null;
        LOG.info("sensor {} site {}: clearing slope forecast alarm {}: {}", reading.sensor(), reading.site(),
                left.alarmId(), why);
        out.add(ConditionAlarm.event(ids, AlarmTransition.CLEARED, left, left.level(), reading.timestampMillis(), now,
                reading.registered(), Map.of("cleared_because", why)));
    }
}
