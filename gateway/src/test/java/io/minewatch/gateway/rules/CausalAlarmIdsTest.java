package io.minewatch.gateway.rules;

import static io.minewatch.gateway.rules.RuleFixtures.CLOCK;
import static io.minewatch.gateway.rules.RuleFixtures.ch4;
import static io.minewatch.gateway.rules.RuleFixtures.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CausalAlarmIdsTest {

    private static final String FACE = "CM01-CH4-T1";
    private final AlarmIds ids = AlarmIds.fromCauses(CLOCK);

    private static AlarmCause cause(AlarmTransition transition, long at, double value) {
        return new AlarmCause("CM01", FACE, "ch4", transition, "alarm", at, value);
    }

    @Test
    void sameCauseGivesTheSameIds() {
        AlarmCause cause = cause(AlarmTransition.RAISED, 1_763_809_200_123L, 1.2);

        assertThat(ids.eventId(cause)).isEqualTo(AlarmIds.fromCauses(CLOCK).eventId(cause))
                .hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(ids.alarmId(cause)).isEqualTo(ids.alarmId(cause)).isNotEqualTo(ids.eventId(cause));
    }

    @Test
    void anyDifferenceInTheCauseGivesAnotherId() {
        AlarmCause cause = cause(AlarmTransition.RAISED, 1_000, 1.2);

        assertThat(List.of(ids.eventId(cause), ids.eventId(cause(AlarmTransition.ESCALATED, 1_000, 1.2)),
                ids.eventId(cause(AlarmTransition.RAISED, 1_001, 1.2)),
                ids.eventId(cause(AlarmTransition.RAISED, 1_000, 1.3)),
                ids.eventId(new AlarmCause("CM01", "CM01-CH4-T2", "ch4", AlarmTransition.RAISED, "alarm", 1_000, 1.2)),
                ids.eventId(new AlarmCause("CM01", FACE, "ch4", AlarmTransition.RAISED, "power_cut", 1_000, 1.2))))
                .doesNotHaveDuplicates();
    }

    @Test
    void idsSortByReadingTime() {
        assertThat(ids.eventId(cause(AlarmTransition.CLEARED, 5_000, 0.1)))
                .isGreaterThan(ids.eventId(cause(AlarmTransition.RAISED, 4_999, 9.9)));
    }

    @Test
    void anEngineThatLostItsStateMakesTheSameTransitionsWithTheSameIdsFromTheSameReadings() {
        List<Reading> readings = List.of(ch4(FACE, seconds(0), 1.2), ch4(FACE, seconds(10), 1.6),
                ch4(FACE, seconds(20), 0.5));

        List<AlarmEvent> first = run(readings);
        List<AlarmEvent> again = run(readings); // a new process after SIGKILL, evaluating the redelivered readings

        assertThat(first).extracting(AlarmEvent::transition).containsExactly(AlarmTransition.RAISED,
                AlarmTransition.ESCALATED, AlarmTransition.CLEARED);
        assertThat(again).extracting(AlarmEvent::id).containsExactlyElementsOf(first.stream().map(AlarmEvent::id)
                .toList()).doesNotHaveDuplicates();
        assertThat(again).extracting(AlarmEvent::alarmId).containsOnly(first.get(0).alarmId());
    }

    private static List<AlarmEvent> run(List<Reading> readings) {
        RuleEngine engine = new RuleEngine(reading -> List.of(RuleFixtures.ch4WorkingFace()), CLOCK,
                AlarmIds.fromCauses(CLOCK));
        List<AlarmEvent> out = new ArrayList<>();
        readings.forEach(reading -> engine.evaluate(reading, out));
        return out;
    }
}
