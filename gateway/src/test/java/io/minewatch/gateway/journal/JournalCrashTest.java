package io.minewatch.gateway.journal;

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
import io.minewatch.gateway.alarms.AlarmStateException;
import io.minewatch.gateway.alarms.AlarmStateStore;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.alarms.StoredAlarm;
import io.minewatch.gateway.dispatch.AlarmStateSink;
import io.minewatch.gateway.dispatch.ReadingDispatcher;
import io.minewatch.gateway.live.LiveBoard;
import io.minewatch.gateway.pipeline.EvaluatedBatch;
import io.minewatch.gateway.rules.AlarmIds;
import io.minewatch.gateway.rules.RestoredAlarms;
import io.minewatch.gateway.rules.RuleEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal in the dispatcher's durability chain, with the process stopped dead at each step between deciding a
 * transition and acknowledging its message, then started on the same files with the message delivered again: the
 * journal holds every transition exactly once, under one alarm id.
 */
class JournalCrashTest {

    private static final String SENSOR = "CM01-CH4-T1";
    private static final long T0 = JournalFixtures.T0;
    private static final Duration SYNC = Duration.ofSeconds(10);
    private static final Rule CH4 = new Rule("ch4", Signal.VALUE, Direction.ABOVE, List.of(
            new LevelThreshold("alarm", Level.ORANGE, 1.0, 1.0),
            new LevelThreshold("power_cut", Level.RED, 1.5, 1.0)), Duration.ZERO);

    @TempDir
    Path directory;

    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(T0 + 3_600_000), ZoneOffset.UTC);
    private final AtomicInteger acknowledged = new AtomicInteger();
    private AlarmJournal journal;
    private AlarmStateStore state;
    private RuleEngine engine;
    private ReadingDispatcher dispatcher;
    /** False: the process dies after storing, before the alarm state step. */
    private boolean storageCallbacksRun = true;
    /** False: the process dies after the journal's sync, before the alarm state takes the transitions. */
    private boolean stateApplies = true;

    @BeforeEach
    void start() throws Exception {
        open();
    }

    @AfterEach
    void stop() {
        state.close();
        journal.close();
    }

    private void open() throws Exception {
        journal = JournalFixtures.open(directory.resolve("journal"));
        state = AlarmStateStore.open(directory);
        AlarmStateRepair.repair(journal, state, JournalFixtures.MAPPER, AlarmStateRepair.DEFAULT_WINDOW);
        List<StoredAlarm> active = state.load();
        engine = new RuleEngine(reading -> List.of(CH4), clock, AlarmIds.timeOrdered(clock),
                RestoredAlarms.of(active.stream().map(StoredAlarm::active).toList()));
        AlarmStateSink stateStep = events -> {
            if (!stateApplies) {
                throw new AlarmStateException("process gone", null);
            }
            state.apply(events);
        };
        dispatcher = new ReadingDispatcher((readings, events, onStored) -> {
            if (storageCallbacksRun) {
                onStored.run();
            }
        }, new LiveBoard(), List.of(journal), new JournaledAlarmState(journal, stateStep, SYNC));
    }

    private void crashAndRestart() throws Exception {
        journal.close();
        state.close();
        storageCallbacksRun = true;
        stateApplies = true;
        open();
    }

    private void deliver(long second, double value) throws Exception {
        Reading reading = new Reading("CM01", SENSOR, Kind.CH4, value, T0 + second * 1000, Quality.GOOD, true,
                T0 + second * 1000);
        List<AlarmEvent> events = new ArrayList<>();
        engine.evaluate(reading, events);
        Ingest ingest = new Ingest("site-broker", "minewatch/CM01/" + SENSOR, "CM01", SENSOR, new byte[0],
                reading.receivedAtMillis(), acknowledged::incrementAndGet);
        dispatcher.dispatch(new EvaluatedBatch(ingest, List.of(reading), List.copyOf(events)));
        journal.appendDurably(events, SYNC);
    }

    private List<AlarmEvent> journalled() throws Exception {
        List<AlarmEvent> events = new ArrayList<>();
        try (JournalReader reader = new JournalReader(journal.directory(), JournalFixtures.FORMAT, 0,
                journal::durableSeq)) {
            for (Optional<JournalEntry> e = reader.next(); e.isPresent(); e = reader.next()) {
                events.add(JournalEvents.event(e.get(), JournalFixtures.MAPPER).orElseThrow());
            }
        }
        return events;
    }

    @Test
    void aTransitionJournalledBeforeItsMessageWasStoredIsNotRaisedAgainOnRedelivery() throws Exception {
        storageCallbacksRun = false;
        deliver(0, 1.2);
        assertThat(acknowledged).hasValue(0);
        crashAndRestart();

        deliver(0, 1.2);
        deliver(1, 0.4);

        assertThat(journalled()).extracting(AlarmEvent::transition, AlarmEvent::readingTimestampMillis)
                .containsExactly(tuple(AlarmTransition.RAISED, T0), tuple(AlarmTransition.CLEARED, T0 + 1000));
        assertThat(journalled()).extracting(AlarmEvent::alarmId).containsOnly(journalled().get(0).alarmId());
        assertThat(acknowledged).hasValue(2);
    }

    @Test
    void aTransitionJournalledButNotInTheAlarmStateIsNotRaisedAgainOnRedelivery() throws Exception {
        deliver(0, 1.2);
        stateApplies = false;
        deliver(1, 1.7);
        assertThat(acknowledged).hasValue(1);
        crashAndRestart();

        assertThat(state.load()).singleElement().satisfies(a -> assertThat(a.active().level()).isEqualTo(Level.RED));
        deliver(1, 1.7);
        deliver(2, 0.3);

        assertThat(journalled()).extracting(AlarmEvent::transition).containsExactly(AlarmTransition.RAISED,
                AlarmTransition.ESCALATED, AlarmTransition.CLEARED);
        assertThat(journalled()).extracting(AlarmEvent::alarmId).containsOnly(journalled().get(0).alarmId());
        assertThat(state.load()).isEmpty();
    }

    @Test
    void aMessageIsAcknowledgedOnlyAfterItsTransitionsAreInTheJournalAndTheState() throws Exception {
        stateApplies = false;
        deliver(0, 1.2);

        assertThat(acknowledged).hasValue(0);
        assertThat(journalled()).hasSize(1);
        assertThat(state.load()).isEmpty();
    }
}
