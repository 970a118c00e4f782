package io.minewatch.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Direction;
import io.minewatch.config.rules.Level;
import io.minewatch.config.rules.LevelThreshold;
import io.minewatch.config.rules.Rule;
import io.minewatch.config.rules.Signal;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmStateStore;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.alarms.StoredAlarm;
import io.minewatch.gateway.live.LiveBoard;
import io.minewatch.gateway.pipeline.EvaluatedBatch;
import io.minewatch.gateway.rules.AlarmIds;
import io.minewatch.gateway.rules.RestoredAlarms;
import io.minewatch.gateway.rules.RuleEngine;
import io.minewatch.gateway.storage.LocalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway stopped dead between storing a message and acknowledging it, then started again on the same files: the
 * broker delivers the unacknowledged messages again, and every alarm transition ends up stored exactly once.
 */
class RestartAfterCrashTest {

    private static final String SENSOR = "CM01-CH4-T1";
    private static final long T0 = 1_763_809_200_000L;
    private static final Rule CH4 = new Rule("ch4", Signal.VALUE, Direction.ABOVE, List.of(
            new LevelThreshold("alarm", Level.ORANGE, 1.0, 1.0),
            new LevelThreshold("power_cut", Level.RED, 1.5, 1.0)), Duration.ZERO);

    @TempDir
    Path directory;

    private final AtomicInteger acknowledged = new AtomicInteger();
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(T0 + 3_600_000), ZoneOffset.UTC);
    private LocalStore store;
    private AlarmStateStore state;
    private RuleEngine engine;
    private ReadingDispatcher dispatcher;
    /** When false, the process "dies" after storing: the onStored callback never runs. */
    private boolean callbacksRun = true;

    @BeforeEach
    void start() throws Exception {
        store = LocalStore.open(directory);
        state = AlarmStateStore.open(directory);
        engine = new RuleEngine(reading -> List.of(CH4), clock, AlarmIds.timeOrdered(clock), RestoredAlarms.NONE);
        dispatcher = dispatcher();
    }

    @AfterEach
    void stop() {
        state.close();
        store.close();
    }

    private ReadingDispatcher dispatcher() {
        return new ReadingDispatcher((readings, events, onStored) -> {
            try {
                store.write(readings, events);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            if (callbacksRun) {
                onStored.run();
            }
        }, new LiveBoard(), List.of(), state::apply);
    }

    /** The process ends without closing anything it would close on a clean stop; the files are opened again. */
    private void crashAndRestart() throws Exception {
        state.close();
        store.close();
        store = LocalStore.open(directory);
        state = AlarmStateStore.open(directory);
        List<StoredAlarm> active = state.load();
        engine = new RuleEngine(reading -> List.of(CH4), clock, AlarmIds.timeOrdered(clock),
                RestoredAlarms.of(active.stream().map(StoredAlarm::active).toList(), state.loadEvaluatedUpTo()));
        dispatcher = dispatcher();
        callbacksRun = true;
    }

    private void deliver(long second, double value) {
        deliver(second, value, false);
    }

    /** The broker delivers a message again (DUP) whose acknowledgement it never got. */
    private void deliverAgain(long second, double value) {
        deliver(second, value, true);
    }

    private void deliver(long second, double value, boolean redelivered) {
        Reading reading = new Reading("CM01", SENSOR, Kind.CH4, value, T0 + second * 1000, Quality.GOOD, true,
                T0 + second * 1000);
        List<AlarmEvent> events = new ArrayList<>();
        engine.evaluate(reading, redelivered, events);
        Ingest ingest = new Ingest("site-broker", "minewatch/CM01/" + SENSOR, "CM01", SENSOR, new byte[0],
                reading.receivedAtMillis(), acknowledged::incrementAndGet, redelivered);
        dispatcher.dispatch(new EvaluatedBatch(ingest, List.of(reading), List.copyOf(events)));
    }

    private List<AlarmEvent> storedEvents() throws Exception {
        return store.alarmEvents(SENSOR, T0, T0 + 3_600_000);
    }

    @Test
    void messagesStoredAndRecordedButNotAcknowledgedRaiseNothingTwiceWhenDeliveredAgain() throws Exception {
        deliver(0, 1.2);
        deliver(1, 1.3);
        deliver(2, 1.6);
        // The PUBACKs of seconds 1 and 2 never left: the broker delivers both again after the restart.
        crashAndRestart();

        deliverAgain(1, 1.3);
        deliverAgain(2, 1.6);
        deliver(3, 0.5);

        List<AlarmEvent> events = storedEvents();
        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::readingTimestampMillis).containsExactly(
                tuple(AlarmTransition.RAISED, T0), tuple(AlarmTransition.ESCALATED, T0 + 2000),
                tuple(AlarmTransition.CLEARED, T0 + 3000));
        assertThat(events).extracting(AlarmEvent::alarmId).containsOnly(events.get(0).alarmId());
        assertThat(state.load()).isEmpty();
    }

    @Test
    void aReadingDeliveredAgainAfterItsAlarmClearedRaisesNothing() throws Exception {
        deliver(0, 1.2);
        deliver(1, 1.6);
        deliver(2, 1.2);
        deliver(3, 0.5);
        // Raised, escalated and cleared, all recorded; the PUBACKs of seconds 2 and 3 never left. The cleared alarm
        // is gone from the state, but what it reflected is not: second 2 would raise a new alarm if decided again.
        crashAndRestart();

        deliverAgain(2, 1.2);
        deliverAgain(3, 0.5);
        deliver(4, 0.4);

        List<AlarmEvent> events = storedEvents();
        assertThat(events).extracting(AlarmEvent::transition, AlarmEvent::readingTimestampMillis).containsExactly(
                tuple(AlarmTransition.RAISED, T0), tuple(AlarmTransition.ESCALATED, T0 + 1000),
                tuple(AlarmTransition.CLEARED, T0 + 3000));
        assertThat(state.loadStanding()).singleElement().satisfies(a -> assertThat(a.isActive()).isFalse());
        assertThat(acknowledged).hasValue(7);
    }

    @Test
    void aMessageStoredButNotYetRecordedIsDecidedAgainAndOverwritesItsEvent() throws Exception {
        callbacksRun = false;
        deliver(0, 1.2);
        String lostAlarm = storedEvents().get(0).alarmId();
        assertThat(acknowledged).hasValue(0);
        crashAndRestart();

        deliverAgain(0, 1.2);
        deliver(1, 0.4);

        List<AlarmEvent> events = storedEvents();
        assertThat(events).extracting(AlarmEvent::transition)
                .containsExactly(AlarmTransition.RAISED, AlarmTransition.CLEARED);
        assertThat(events.get(0).alarmId()).isNotEqualTo(lostAlarm).isEqualTo(events.get(1).alarmId());
        assertThat(acknowledged).hasValue(2);
    }

    @Test
    void anAlarmActiveAtTheCrashIsStillActiveAfterTheRestartWithoutANewReading() throws Exception {
        deliver(0, 1.7);
        crashAndRestart();

        assertThat(state.load()).singleElement().satisfies(a -> {
            assertThat(a.active().level()).isEqualTo(Level.RED);
            assertThat(a.lastTransition()).isEqualTo(storedEvents().get(0));
        });
        deliver(5, 1.7);
        assertThat(storedEvents()).hasSize(1);
    }
}
