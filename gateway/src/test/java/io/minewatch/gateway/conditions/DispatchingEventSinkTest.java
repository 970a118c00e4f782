package io.minewatch.gateway.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.dispatch.ReadingDispatcher;
import io.minewatch.gateway.live.LiveBoard;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchingEventSinkTest {

    @Test
    void conditionEventsReachTheAlarmOutputsStorageAndAlarmState() {
        List<AlarmEvent> notified = new ArrayList<>();
        List<AlarmEvent> stored = new ArrayList<>();
        List<AlarmEvent> recorded = new ArrayList<>();
        ReadingDispatcher dispatcher = new ReadingDispatcher((readings, events, onStored) -> {
            assertThat(readings).isEmpty();
            stored.addAll(events);
            onStored.run();
        }, new LiveBoard(), List.of(notified::add), recorded::addAll);
        AlarmEvent offline = new AlarmEvent("e1", "a1", AlarmTransition.RAISED, "CM01", "CM01-CH4-T1", Kind.CH4,
                ConditionRules.OFFLINE, ConditionRules.OFFLINE, Level.YELLOW, null, 30, 31, 1000, 1000, true);

        new DispatchingEventSink(dispatcher).emit(List.of(offline));

        assertThat(notified).containsExactly(offline);
        assertThat(stored).containsExactly(offline);
        assertThat(recorded).containsExactly(offline);
    }
}
