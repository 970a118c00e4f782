package io.minewatch.gateway.pond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.conditions.ConditionRules;
import io.minewatch.gateway.rules.ActiveAlarm;
import io.minewatch.gateway.rules.AlarmIds;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PondLevelsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-01T00:00:00Z"), ZoneOffset.UTC);
    private final AlarmIds ids = AlarmIds.timeOrdered(CLOCK);
    private final PondLevels pond = new PondLevels(Set.of("TP01"), CLOCK, ids);
    private final List<AlarmEvent> out = new ArrayList<>();
    private int next;

    private AlarmEvent point(String sensor, Kind kind, AlarmTransition transition, Level level, String alarmId) {
        return new AlarmEvent("e" + next++, alarmId, transition, "TP01", sensor, kind, kind.id(), level.id(), level,
                null, 10, 11, CLOCK.millis(), CLOCK.millis(), true);
    }

    private AlarmEvent raise(String sensor, Kind kind, Level level) {
        return point(sensor, kind, AlarmTransition.RAISED, level, "a-" + sensor);
    }

    @Test
    void fourBluePointsOnOneItemMakeTheItemYellowWithTheContributingPointsListed() {
        for (int i = 1; i <= 3; i++) {
            pond.apply(raise("WL-" + i, Kind.WATER_LEVEL, Level.BLUE), out);
        }
        assertThat(out).filteredOn(e -> e.sensor().equals("_pond.water_level")).extracting(AlarmEvent::level)
                .containsExactly(Level.BLUE);
        out.clear();

        pond.apply(raise("WL-4", Kind.WATER_LEVEL, Level.BLUE), out);

        assertThat(out).extracting(AlarmEvent::sensor, AlarmEvent::transition, AlarmEvent::level).containsExactly(
                tuple("_pond.water_level", AlarmTransition.ESCALATED, Level.YELLOW),
                tuple("_pond", AlarmTransition.ESCALATED, Level.YELLOW));
        AlarmEvent item = out.get(0);
        assertThat(item.ruleId()).isEqualTo(ConditionRules.POND_LEVEL);
        assertThat(item.site()).isEqualTo("TP01");
        assertThat(item.kind()).isEqualTo(Kind.WATER_LEVEL);
        assertThat(item.value()).isEqualTo(4);
        assertThat(item.details()).containsEntry("contributing_points", "WL-1=blue, WL-2=blue, WL-3=blue, WL-4=blue")
                .containsEntry("counts", "4 blue");
    }

    @Test
    void threeYellowPointsMakeOrangeAndTwoOrangePointsMakeRed() {
        pond.apply(raise("GNSS-1", Kind.DISPLACEMENT, Level.YELLOW), out);
        pond.apply(raise("GNSS-2", Kind.DISPLACEMENT, Level.YELLOW), out);
        pond.apply(raise("GNSS-3", Kind.DISPLACEMENT, Level.YELLOW), out);
        assertThat(item(Kind.DISPLACEMENT)).isEqualTo(Level.ORANGE);

        pond.apply(point("GNSS-1", Kind.DISPLACEMENT, AlarmTransition.ESCALATED, Level.ORANGE, "a-GNSS-1"), out);
        pond.apply(point("GNSS-2", Kind.DISPLACEMENT, AlarmTransition.ESCALATED, Level.ORANGE, "a-GNSS-2"), out);

        assertThat(item(Kind.DISPLACEMENT)).isEqualTo(Level.RED);
        assertThat(pondLevel()).isEqualTo(Level.RED);
    }

    @Test
    void fourBlueItemsMakeThePondYellow() {
        pond.apply(raise("WL-1", Kind.WATER_LEVEL, Level.BLUE), out);
        pond.apply(raise("PL-1", Kind.PHREATIC_LINE, Level.BLUE), out);
        pond.apply(raise("GNSS-1", Kind.DISPLACEMENT, Level.BLUE), out);
        assertThat(pondLevel()).isEqualTo(Level.BLUE);

        pond.apply(raise("RAIN-1", Kind.RAINFALL, Level.BLUE), out);

        assertThat(pondLevel()).isEqualTo(Level.YELLOW);
        AlarmEvent last = out.get(out.size() - 1);
        assertThat(last.sensor()).isEqualTo("_pond");
        assertThat(last.details().get("contributing_items"))
                .isEqualTo("displacement=blue, phreatic_line=blue, rainfall=blue, water_level=blue");
    }

    @Test
    void clearingPointsDeEscalatesAndFinallyClearsTheItemUnderOneAlarmId() {
        for (int i = 1; i <= 4; i++) {
            pond.apply(raise("WL-" + i, Kind.WATER_LEVEL, Level.BLUE), out);
        }
        String itemAlarm = out.get(0).alarmId();
        out.clear();

        pond.apply(point("WL-4", Kind.WATER_LEVEL, AlarmTransition.CLEARED, Level.BLUE, "a-WL-4"), out);
        assertThat(out).filteredOn(e -> e.sensor().equals("_pond.water_level"))
                .extracting(AlarmEvent::transition, AlarmEvent::level, AlarmEvent::alarmId)
                .containsExactly(tuple(AlarmTransition.DEESCALATED, Level.BLUE, itemAlarm));
        for (int i = 1; i <= 3; i++) {
            pond.apply(point("WL-" + i, Kind.WATER_LEVEL, AlarmTransition.CLEARED, Level.BLUE, "a-WL-" + i), out);
        }

        assertThat(out).filteredOn(e -> e.sensor().equals("_pond.water_level")).last()
                .extracting(AlarmEvent::transition, AlarmEvent::alarmId)
                .containsExactly(AlarmTransition.CLEARED, itemAlarm);
        assertThat(pond.activeAlarms()).isEmpty();
    }

    @Test
    void ignoresOtherSitesSensorFaultsConditionsAndAcknowledgements() {
        pond.apply(new AlarmEvent("x", "x", AlarmTransition.RAISED, "CM01", "CH4", Kind.CH4, "ch4", "alarm",
                Level.ORANGE, null, 1, 1.2, 0, 0, true), out);
        pond.apply(new AlarmEvent("y", "y", AlarmTransition.RAISED, "TP01", "WL-1", Kind.WATER_LEVEL, "sensor_fault",
                "fault", Level.YELLOW, null, 3, 3, 0, 0, true), out);
        pond.apply(new AlarmEvent("z", "z", AlarmTransition.RAISED, "TP01", "WL-1", Kind.WATER_LEVEL,
                ConditionRules.OFFLINE, "sensor_offline", Level.YELLOW, null, 3, 3, 0, 0, true), out);
        pond.apply(new AlarmEvent("u", "u", AlarmTransition.RAISED, "TP01", "WL-9", Kind.WATER_LEVEL, "water_level",
                "red", Level.RED, null, 3, 3, 0, 0, false), out);

        assertThat(out).isEmpty();
    }

    @Test
    void restoredAlarmsContinueWithoutNewEvents() {
        ActiveAlarm point = new ActiveAlarm("a-WL-1", "TP01", "WL-1", Kind.WATER_LEVEL, "water_level", "yellow",
                Level.YELLOW, 11, 11.2, 0, 0);
        ActiveAlarm item = new ActiveAlarm("p-1", "TP01", "_pond.water_level", Kind.WATER_LEVEL,
                ConditionRules.POND_LEVEL, "yellow", Level.YELLOW, 1, 1, 0, 0);
        pond.restore(List.of(point, item));

        pond.apply(point("WL-1", Kind.WATER_LEVEL, AlarmTransition.ACKNOWLEDGED, Level.YELLOW, "a-WL-1"), out);
        pond.apply(raise("WL-2", Kind.WATER_LEVEL, Level.YELLOW), out);

        assertThat(out).filteredOn(e -> e.sensor().equals("_pond.water_level")).isEmpty();
        pond.apply(raise("WL-3", Kind.WATER_LEVEL, Level.YELLOW), out);
        assertThat(out).filteredOn(e -> e.sensor().equals("_pond.water_level"))
                .extracting(AlarmEvent::alarmId, AlarmEvent::level).containsExactly(tuple("p-1", Level.ORANGE));
    }

    @Test
    void aggregatorCombinesEventsFromManyThreadsOnItsOwn() throws Exception {
        List<AlarmEvent> emitted = new CopyOnWriteArrayList<>();
        try (PondAggregator aggregator = new PondAggregator(pond, emitted::addAll)) {
            List<Thread> lanes = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                AlarmEvent event = raise("WL-" + i, Kind.WATER_LEVEL, Level.BLUE);
                Thread lane = new Thread(() -> aggregator.onAlarm(event), "lane-" + i);
                lane.start();
                lanes.add(lane);
            }
            for (Thread lane : lanes) {
                lane.join();
            }
            await().until(() -> emitted.stream().anyMatch(e -> e.sensor().equals("_pond.water_level")
                    && e.level() == Level.YELLOW));
        }
    }

    private Level item(Kind kind) {
        return pond.activeAlarms().stream().filter(a -> a.sensor().equals(PondLevels.itemSensor(kind)))
                .map(ActiveAlarm::level).findFirst().orElse(null);
    }

    private Level pondLevel() {
        return pond.activeAlarms().stream().filter(a -> a.sensor().equals("_pond")).map(ActiveAlarm::level)
                .findFirst().orElse(null);
    }
}
