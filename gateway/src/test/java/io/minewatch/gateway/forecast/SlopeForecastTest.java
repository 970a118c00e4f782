package io.minewatch.gateway.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.ForecastConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.conditions.ConditionRules;
import io.minewatch.gateway.rules.AlarmIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The inverse-velocity forecast on synthetic creep whose failure time is known. In Fukuzono's model with α = 2 the
 * velocity is v(t) = v0·tf / (tf − t), so 1/v falls linearly to zero at tf, and the displacement is
 * d(t) = −v0·tf·ln(1 − t/tf). Readings every 30 min (GB 51108's abnormal-state rate, DOMAIN.md §2 line 54).
 */
class SlopeForecastTest {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(30);
    private static final double V0 = 2.0;
    private static final double TF_DAYS = 10.0;
    private static final long TF = T0.toEpochMilli() + Duration.ofDays(10).toMillis();

    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final List<AlarmEvent> events = new ArrayList<>();

    private static double creep(long millis) {
        double days = (millis - T0.toEpochMilli()) / 86_400_000.0;
        return -V0 * TF_DAYS * Math.log(1 - days / TF_DAYS);
    }

    private static Reading reading(long millis, double mm) {
        return new Reading("TP01", "TP01-GNSS-3", Kind.DISPLACEMENT, mm, millis, Quality.GOOD, true, millis);
    }

    private SlopeForecast forecast() {
        return new SlopeForecast(ForecastConfig.DEFAULT, AlarmIds.timeOrdered(clock), clock, null);
    }

    @Test
    void forecastIsWithinTenPercentOfTheRemainingTimeOnceVelocityHasDoubled() {
        SlopeForecast forecast = forecast();
        long doubled = T0.toEpochMilli() + Duration.ofDays(5).toMillis();
        for (long t = T0.toEpochMilli(); t <= doubled; t += STEP.toMillis()) {
            forecast.add(reading(t, creep(t)), events);
        }

        long remaining = TF - doubled;
        assertThat(forecast.forecastFailureMillis()).isPresent();
        assertThat(Math.abs(forecast.forecastFailureMillis().getAsLong() - TF))
                .as("error of the forecast, remaining time %s", Duration.ofMillis(remaining))
                .isLessThanOrEqualTo(remaining / 10);
        assertThat(events).as("five days ahead is beyond the 48 h horizon").isEmpty();
    }

    @Test
    void forecastHoldsWithinTenPercentOnReadingsWithExtensometerNoise() {
        SlopeForecast forecast = forecast();
        Random noise = new Random(42);
        long doubled = T0.toEpochMilli() + Duration.ofDays(5).toMillis();
        for (long t = T0.toEpochMilli(); t <= doubled; t += STEP.toMillis()) {
            forecast.add(reading(t, creep(t) + noise.nextGaussian() * 0.03), events);
        }

        assertThat(forecast.forecastFailureMillis()).isPresent();
        assertThat(Math.abs(forecast.forecastFailureMillis().getAsLong() - TF))
                .isLessThanOrEqualTo((TF - doubled) / 10);
    }

    @Test
    void alarmRisesToOrangeWithin48HoursAndRedWithin12HoursCarryingTheForecastTime() {
        SlopeForecast forecast = forecast();
        long end = TF - Duration.ofHours(6).toMillis();
        for (long t = T0.toEpochMilli(); t <= end; t += STEP.toMillis()) {
            forecast.add(reading(t, creep(t)), events);
        }

        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::level).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlarmTransition.RAISED, Level.ORANGE),
                org.assertj.core.groups.Tuple.tuple(AlarmTransition.ESCALATED, Level.RED));
        AlarmEvent orange = events.get(0);
        assertThat(orange.ruleId()).isEqualTo(ConditionRules.SLOPE_FORECAST);
        assertThat(orange.readingTimestampMillis()).isBetween(TF - Duration.ofHours(49).toMillis(),
                TF - Duration.ofHours(47).toMillis());
        assertThat(orange.threshold()).isEqualTo(48.0);
        assertThat(Instant.parse(orange.details().get("forecast_failure_time")).toEpochMilli())
                .isCloseTo(TF, org.assertj.core.data.Offset.offset(Duration.ofHours(4).toMillis()));
        assertThat(events.get(1).readingTimestampMillis()).isBetween(TF - Duration.ofHours(13).toMillis(),
                TF - Duration.ofHours(11).toMillis());
        assertThat(events.get(1).alarmId()).isEqualTo(orange.alarmId());
    }

    @Test
    void steadyCreepGivesNoForecast() {
        SlopeForecast forecast = forecast();
        for (long t = T0.toEpochMilli(); t <= T0.toEpochMilli() + Duration.ofDays(5).toMillis();
                t += STEP.toMillis()) {
            forecast.add(reading(t, 5.0 * (t - T0.toEpochMilli()) / 86_400_000.0), events);
        }

        assertThat(forecast.forecastFailureMillis()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void decelerationAfterAnAlarmClearsIt() {
        SlopeForecast forecast = forecast();
        long alarmed = TF - Duration.ofHours(30).toMillis();
        long t = T0.toEpochMilli();
        for (; t <= alarmed; t += STEP.toMillis()) {
            forecast.add(reading(t, creep(t)), events);
        }
        assertThat(events).extracting(AlarmEvent::level).containsExactly(Level.ORANGE);
        double d = creep(alarmed);
        for (int i = 0; i < 48 * 2; i++, t += STEP.toMillis()) {
            d += 0.01; // the slope has come to rest: 0.48 mm/day
            forecast.add(reading(t, d), events);
        }

        assertThat(events).last().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(AlarmTransition.CLEARED);
            assertThat(e.alarmId()).isEqualTo(events.get(0).alarmId());
        });
        assertThat(forecast.alarm()).isNull();
    }
}
