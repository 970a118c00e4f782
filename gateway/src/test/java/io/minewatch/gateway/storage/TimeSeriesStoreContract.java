package io.minewatch.gateway.storage;

import static io.minewatch.gateway.storage.Samples.T0;
import static io.minewatch.gateway.storage.Samples.ch4;
import static io.minewatch.gateway.storage.Samples.escalated;
import static io.minewatch.gateway.storage.Samples.raised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TimeSeriesStore} must do the same way, so that history and replay do not depend on which store
 * serves them. A subclass opens a fresh, empty store into {@link #store} before each test and closes it after.
 */
abstract class TimeSeriesStoreContract {

    protected TimeSeriesStore store;

    private List<HistoryPoint> raw(String sensor, long from, long to) throws Exception {
        return store.history(Kind.CH4, sensor, from, to, null);
    }

    @Test
    void writingTheSameReadingTwiceLeavesOnePoint() throws Exception {
        store.write(List.of(ch4("S1", T0, 0.42)), List.of());
        store.write(List.of(ch4("S1", T0, 0.42), ch4("S1", T0 + 1000, 0.43)), List.of());

        assertThat(raw("S1", T0, T0 + 60_000)).containsExactly(
                HistoryPoint.raw(T0, 0.42), HistoryPoint.raw(T0 + 1000, 0.43));
    }

    @Test
    void aReadingWrittenAgainWithAnotherValueReplacesTheFirst() throws Exception {
        store.write(List.of(ch4("S1", T0, 0.42)), List.of());
        store.write(List.of(ch4("S1", T0, 0.50)), List.of());

        assertThat(raw("S1", T0, T0 + 1)).containsExactly(HistoryPoint.raw(T0, 0.50));
    }

    @Test
    void rawHistoryHoldsTheSensorsReadingsOfTheKindInAHalfOpenRangeOldestFirst() throws Exception {
        store.write(List.of(
                ch4("S1", T0 + 2000, 0.3), ch4("S1", T0, 0.1), ch4("S1", T0 + 1000, 0.2), ch4("S1", T0 + 3000, 0.4),
                ch4("S2", T0 + 1000, 9.9), Samples.reading(Kind.CO, "S3", T0 + 1000, 24)), List.of());

        assertThat(raw("S1", T0, T0 + 3000)).containsExactly(
                HistoryPoint.raw(T0, 0.1), HistoryPoint.raw(T0 + 1000, 0.2), HistoryPoint.raw(T0 + 2000, 0.3));
        assertThat(store.history(Kind.CO, "S3", T0, T0 + 3000, null)).containsExactly(
                HistoryPoint.raw(T0 + 1000, 24));
        assertThat(store.history(Kind.O2, "S1", T0, T0 + 3000, null)).isEmpty();
        assertThat(raw("S1", T0 + 3000, T0)).isEmpty();
    }

    @Test
    void aggregatedHistoryGivesMeanMinMaxLastAndCountOfEachNonEmptyStep() throws Exception {
        // Written out of time order: "last" must be the value at the latest time, not the latest written.
        store.write(List.of(
                ch4("S1", T0 + 50_000, 0.6), ch4("S1", T0 + 10_000, 0.2), ch4("S1", T0 + 30_000, 0.4),
                ch4("S1", T0 + 170_000, 1.2), ch4("S1", T0 + 130_000, 1.6)), List.of());

        List<HistoryPoint> steps = store.history(Kind.CH4, "S1", T0, T0 + 300_000, Duration.ofMinutes(1));

        assertThat(steps).hasSize(2);
        HistoryPoint first = steps.get(0);
        assertThat(first.timestampMillis()).isEqualTo(T0);
        assertThat(first.mean()).isCloseTo(0.4, within(1e-9));
        assertThat(first.min()).isEqualTo(0.2);
        assertThat(first.max()).isEqualTo(0.6);
        assertThat(first.last()).isEqualTo(0.6);
        assertThat(first.count()).isEqualTo(3);
        HistoryPoint second = steps.get(1);
        assertThat(second.timestampMillis()).isEqualTo(T0 + 120_000);
        assertThat(second.mean()).isCloseTo(1.4, within(1e-9));
        assertThat(List.of(second.min(), second.max(), second.last())).containsExactly(1.2, 1.6, 1.2);
        assertThat(second.count()).isEqualTo(2);
    }

    @Test
    void aggregatedStepsStartOnTheEpochGridWhateverTheStartOfTheRange() throws Exception {
        store.write(List.of(ch4("S1", T0 + 61_000, 0.5), ch4("S1", T0 + 119_999, 0.7)), List.of());

        List<HistoryPoint> steps = store.history(Kind.CH4, "S1", T0 + 30_000, T0 + 300_000, Duration.ofMinutes(1));

        assertThat(steps).extracting(HistoryPoint::timestampMillis).containsExactly(T0 + 60_000);
        assertThat(steps.get(0).last()).isEqualTo(0.7);
    }

    @Test
    void refusesAStepFinerThanAMillisecond() {
        assertThatThrownBy(() -> store.history(Kind.CH4, "S1", T0, T0 + 1000, Duration.ofNanos(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step : PT0.0000005S (expected: a positive whole number of ms)");
    }

    @Test
    void alarmEventsComeBackWithEveryFieldOldestReadingFirst() throws Exception {
        AlarmEvent raised = raised("e1", "S1", T0);
        AlarmEvent escalated = escalated("e2", "S1", T0 + 5000);
        AlarmEvent acknowledged = new AlarmEvent("e3", "alarm-e1", AlarmTransition.ACKNOWLEDGED, "CM01", "S1",
                Kind.CH4, "ch4_limit", "power_cut", Level.RED, Level.RED, Double.NaN, Double.NaN, T0 + 5000,
                T0 + 9000, true);
        AlarmEvent other = raised("e4", "S2", T0 + 1000);
        store.write(List.of(), List.of(acknowledged, escalated, other, raised));

        assertThat(store.alarmEvents(null, T0 - 3, T0 + 10_000)).containsExactly(raised, other, escalated,
                acknowledged);
        assertThat(store.alarmEvents("S1", T0 - 3, T0 + 5000)).containsExactly(raised, escalated);
        assertThat(store.alarmEvents("S3", T0 - 3, T0 + 10_000)).isEmpty();
    }

    @Test
    void anAlarmEventsDetailsComeBackSoHistoryShowsWhoAcknowledged() throws Exception {
        AlarmEvent acknowledged = new AlarmEvent("e3", "alarm-e1", AlarmTransition.ACKNOWLEDGED, "CM01", "S1",
                Kind.CH4, "ch4_limit", "alarm", Level.ORANGE, Level.ORANGE, 1.0, 1.12, T0 + 5000, T0 + 5000, true,
                java.util.Map.of("acknowledged_by", "li.wei", "note", "ventilation adjusted, \"fan 2\" restarted"));
        store.write(List.of(), List.of(raised("e1", "S1", T0), acknowledged));

        assertThat(store.alarmEvents("S1", T0 - 3, T0 + 10_000)).last().isEqualTo(acknowledged)
                .extracting(AlarmEvent::details).isEqualTo(acknowledged.details());
    }

    @Test
    void theRangeOfAnAlarmEventQueryIsOnTheTimeOfItsReadingNotOfItsDecision() throws Exception {
        AlarmEvent decidedLate = Samples.event("e1", "S1", AlarmTransition.RAISED, "ch4_limit", T0, T0 + 60_000);
        store.write(List.of(), List.of(decidedLate));

        assertThat(store.alarmEvents("S1", T0, T0 + 1)).containsExactly(decidedLate);
        assertThat(store.alarmEvents("S1", T0 + 60_000, T0 + 60_001)).isEmpty();
    }

    @Test
    void anAlarmEventWrittenTwiceIsKeptOnce() throws Exception {
        AlarmEvent event = raised("e1", "S1", T0);
        store.write(List.of(), List.of(event));
        store.write(List.of(), List.of(event, raised("e2", "S1", T0 + 1)));

        assertThat(store.alarmEvents("S1", T0 - 3, T0 + 10)).extracting(AlarmEvent::id).containsExactly("e1", "e2");
    }

    @Test
    void theSameReadingEvaluatedAgainWithNewIdsOverwritesItsEventInsteadOfAddingOne() throws Exception {
        AlarmEvent beforeCrash = Samples.event("e1", "S1", AlarmTransition.RAISED, "ch4_limit", T0, T0 + 20);
        AlarmEvent afterRestart = Samples.event("e9", "S1", AlarmTransition.RAISED, "ch4_limit", T0, T0 + 90_000);
        store.write(List.of(ch4("S1", T0, 1.12)), List.of(beforeCrash));

        store.write(List.of(ch4("S1", T0, 1.12)), List.of(afterRestart));

        assertThat(store.alarmEvents(null, T0 - 100_000, T0 + 100_000)).containsExactly(afterRestart);
    }

    @Test
    void eventsOfOneReadingAreKeptApartByRuleTransitionAndSensor() throws Exception {
        List<AlarmEvent> oneReading = List.of(
                Samples.event("e1", "S1", AlarmTransition.RAISED, "ch4_limit", T0, T0 + 10),
                Samples.event("e2", "S1", AlarmTransition.RAISED, "ch4_strict", T0, T0 + 10),
                Samples.event("e3", "S1", AlarmTransition.CLEARED, "ch4_limit", T0, T0 + 10),
                Samples.event("e4", "S2", AlarmTransition.RAISED, "ch4_limit", T0, T0 + 10));
        store.write(List.of(), oneReading);

        assertThat(store.alarmEvents(null, T0, T0 + 1)).containsExactlyInAnyOrderElementsOf(oneReading);
    }

    @Test
    void aSensorIdIsMatchedLiterallyWhateverQuotesOrBackslashesItHolds() throws Exception {
        String odd = "CM01-CH4-'T1'\\x";
        store.write(List.of(ch4("A", T0, 0.1), ch4("B", T0, 0.2), ch4(odd, T0, 0.3)), List.of());

        assertThat(raw("A' OR sensor = 'B", T0, T0 + 1)).isEmpty();
        assertThat(raw("A\\' OR sensor = \\'B", T0, T0 + 1)).isEmpty();
        assertThat(raw(odd, T0, T0 + 1)).containsExactly(HistoryPoint.raw(T0, 0.3));
        assertThat(store.history(Kind.CH4, odd, T0, T0 + 60_000, Duration.ofMinutes(1)))
                .extracting(HistoryPoint::last).containsExactly(0.3);
    }

    @Test
    void anAlarmEventOfASensorWithAQuoteInItsIdIsFoundBySensor() throws Exception {
        AlarmEvent event = raised("e1", "it's", T0);
        store.write(List.of(), List.of(event, raised("e2", "its", T0)));

        assertThat(store.alarmEvents("it's", T0 - 3, T0 + 1)).containsExactly(event);
    }
}
