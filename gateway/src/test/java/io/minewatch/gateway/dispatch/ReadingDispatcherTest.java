package io.minewatch.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.collectors.Delivery;
import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmStateStore;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.alarms.StoredAlarm;
import io.minewatch.gateway.live.LiveBoard;
import io.minewatch.gateway.pipeline.EvaluatedBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingDispatcherTest {

    private static final long T0 = 1_763_809_200_000L;
    private static final String SENSOR = "CM01-CH4-T1";

    /** What storage was handed, with the callbacks it has not run yet, as StorageWriter holds them. */
    private record Submission(List<Reading> readings, List<AlarmEvent> events, Runnable onStored) {
    }

    /** A message's receipt that records, at the moment of acknowledgement, what the alarm state then held. */
    private final class Receipt {

        final AtomicInteger completions = new AtomicInteger();
        List<StoredAlarm> stateWhenAcknowledged;

        void complete() {
            completions.incrementAndGet();
            try {
                stateWhenAcknowledged = state.load();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @TempDir
    Path directory;

    private final List<Submission> submitted = new ArrayList<>();
    private final List<AlarmEvent> heard = new ArrayList<>();
    private final LiveBoard live = new LiveBoard();
    private AlarmStateStore state;
    private ReadingDispatcher dispatcher;

    @BeforeEach
    void open() throws Exception {
        state = AlarmStateStore.open(directory);
        dispatcher = new ReadingDispatcher((readings, events, onStored) -> submitted.add(
                new Submission(readings, events, onStored)), live, List.of(heard::add), state::apply);
    }

    @AfterEach
    void close() {
        state.close();
    }

    private static Reading reading(long at, double value) {
        return new Reading("CM01", SENSOR, Kind.CH4, value, at, Quality.GOOD, true, at + 5);
    }

    private static AlarmEvent raised(long at) {
        return new AlarmEvent("e-" + at, "alarm-" + at, AlarmTransition.RAISED, "CM01", SENSOR, Kind.CH4, "ch4",
                "alarm", Level.ORANGE, null, 1.0, 1.2, at, at + 3, true);
    }

    private static EvaluatedBatch batch(Delivery delivery, List<Reading> readings, List<AlarmEvent> events) {
        Ingest ingest = new Ingest("site-broker", "minewatch/CM01/" + SENSOR, "CM01", SENSOR,
                "{}".getBytes(StandardCharsets.UTF_8), T0, delivery);
        return new EvaluatedBatch(ingest, readings, events);
    }

    private void storageCompletes() {
        for (Submission submission : submitted) {
            submission.onStored().run();
        }
        submitted.clear();
    }

    @Test
    void aMessageWithATransitionIsAcknowledgedOnlyOnceTheAlarmStateHoldsIt() throws Exception {
        Receipt receipt = new Receipt();
        AlarmEvent raised = raised(T0);

        dispatcher.dispatch(batch(receipt::complete, List.of(reading(T0, 1.2)), List.of(raised)));

        assertThat(heard).as("alarm outputs do not wait for storage").containsExactly(raised);
        assertThat(submitted).singleElement().satisfies(s -> assertThat(s.events()).containsExactly(raised));
        assertThat(receipt.completions).hasValue(0);
        assertThat(state.load()).isEmpty();

        storageCompletes();

        assertThat(receipt.completions).hasValue(1);
        assertThat(receipt.stateWhenAcknowledged).extracting(StoredAlarm::lastTransition).containsExactly(raised);
    }

    @Test
    void aMessageWhoseAlarmStateCannotBeRecordedStaysUnacknowledged() {
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger quiet = new AtomicInteger();
        state.close();

        dispatcher.dispatch(batch(failed::incrementAndGet, List.of(reading(T0, 1.2)), List.of(raised(T0))));
        dispatcher.dispatch(batch(quiet::incrementAndGet, List.of(reading(T0 + 1000, 1.3)), List.of()));
        storageCompletes();

        assertThat(failed).hasValue(0);
        assertThat(quiet).as("later messages are not held up").hasValue(1);
        assertThat(heard).hasSize(1);
    }

    @Test
    void aMessageWithoutTransitionsIsAcknowledgedStraightAfterStorageWithoutTouchingTheState() {
        List<List<AlarmEvent>> applied = new ArrayList<>();
        ReadingDispatcher counting = new ReadingDispatcher((readings, events, onStored) -> submitted.add(
                new Submission(readings, events, onStored)), live, List.of(), applied::add);
        AtomicInteger completions = new AtomicInteger();

        counting.dispatch(batch(completions::incrementAndGet, List.of(reading(T0, 0.4)), List.of()));
        assertThat(completions).hasValue(0);
        storageCompletes();

        assertThat(completions).hasValue(1);
        assertThat(applied).isEmpty();
        assertThat(live.latest(SENSOR).value()).isEqualTo(0.4);
    }

    @Test
    void transitionsAreAppliedInTheOrderStorageCompletesTheirMessages() throws Exception {
        Receipt first = new Receipt();
        Receipt second = new Receipt();
        AlarmEvent raised = raised(T0);
        AlarmEvent cleared = new AlarmEvent("e-clear", raised.alarmId(), AlarmTransition.CLEARED, "CM01", SENSOR,
                Kind.CH4, "ch4", "alarm", Level.ORANGE, Level.ORANGE, 1.0, 0.5, T0 + 1000, T0 + 1003, true);

        dispatcher.dispatch(batch(first::complete, List.of(reading(T0, 1.2)), List.of(raised)));
        dispatcher.dispatch(batch(second::complete, List.of(reading(T0 + 1000, 0.5)), List.of(cleared)));
        storageCompletes();

        assertThat(first.stateWhenAcknowledged).extracting(StoredAlarm::lastTransition).containsExactly(raised);
        assertThat(second.stateWhenAcknowledged).isEmpty();
        assertThat(state.load()).isEmpty();
    }
}
