package io.minewatch.gateway.alarms.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.Acknowledgement;
import io.minewatch.gateway.alarms.AlarmAlreadyAcknowledgedException;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmStateStore;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.alarms.StandingAlarm;
import io.minewatch.gateway.alarms.UnknownAlarmException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaneAcknowledgerTest {

    private static final String FACE = "CM01-CH4-T1";

    @TempDir
    Path directory;

    private LifecycleRig rig;
    private LaneAcknowledger acknowledger;

    @BeforeEach
    void start() throws Exception {
        rig = new LifecycleRig(directory);
        acknowledger = new LaneAcknowledger(rig.board, rig.emitter, rig::nextId, rig.clock);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private AlarmEvent ack(String alarmId, String user, String note) {
        return acknowledger.acknowledge(alarmId, user, note).toCompletableFuture().join();
    }

    private Throwable failureOf(String alarmId, String user) {
        CompletableFuture<AlarmEvent> future = acknowledger.acknowledge(alarmId, user, null).toCompletableFuture();
        assertThat(future).isCompletedExceptionally();
        try {
            future.join();
            throw new AssertionError("not failed");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void theAcknowledgedEventCarriesWhoAndTheNoteAndGoesToEveryListenerAndStorageAfterTheAlarmsEvents() {
        AlarmEvent raised = rig.fire(AlarmTransition.RAISED, "A1", FACE, Level.ORANGE);
        rig.clock.advance(Duration.ofSeconds(30));

        AlarmEvent ack = ack("A1", "li.wei", "ventilation adjusted");

        assertThat(ack.transition()).isEqualTo(AlarmTransition.ACKNOWLEDGED);
        assertThat(ack.alarmId()).isEqualTo("A1");
        assertThat(ack.level()).isEqualTo(Level.ORANGE);
        assertThat(ack.eventTimeMillis()).isEqualTo(raised.eventTimeMillis() + 30_000);
        assertThat(ack.readingTimestampMillis()).isEqualTo(ack.eventTimeMillis());
        assertThat(ack.details()).containsExactlyInAnyOrderEntriesOf(
                Map.of("acknowledged_by", "li.wei", "note", "ventilation adjusted"));
        assertThat(rig.notified).containsExactly(raised, ack);
        assertThat(rig.stored).containsExactly(raised, ack);
        assertThat(rig.board.standing("A1")).get().extracting(StandingAlarm::acknowledgement)
                .isEqualTo(new Acknowledgement("li.wei", ack.eventTimeMillis(), "ventilation adjusted"));
    }

    @Test
    void anUnknownAlarmFailsWithUnknownAlarm() {
        assertThat(failureOf("NOPE", "li.wei")).isInstanceOf(UnknownAlarmException.class).hasMessageContaining("NOPE");
        assertThat(rig.notified).isEmpty();
    }

    @Test
    void aSecondAcknowledgementFailsNamingTheFirstAndEmitsNothing() {
        rig.fire(AlarmTransition.RAISED, "A1", FACE, Level.ORANGE);
        ack("A1", "li.wei", null);

        Throwable failure = failureOf("A1", "wang.fang");

        assertThat(failure).isInstanceOf(AlarmAlreadyAcknowledgedException.class).hasMessageContaining("li.wei");
        assertThat(((AlarmAlreadyAcknowledgedException) failure).acknowledgement().by()).isEqualTo("li.wei");
        assertThat(rig.notified).extracting(AlarmEvent::transition)
                .containsExactly(AlarmTransition.RAISED, AlarmTransition.ACKNOWLEDGED);
    }

    @Test
    void acknowledgingAClearedAlarmRemovesItFromTheBoardAndTheStateFile() throws Exception {
        rig.fire(AlarmTransition.RAISED, "A1", FACE, Level.ORANGE);
        rig.fire(AlarmTransition.CLEARED, "A1", FACE, Level.ORANGE);
        assertThat(rig.board.standing()).extracting(StandingAlarm::alarmId).containsExactly("A1");
        assertThat(rig.state.loadStanding()).hasSize(1);

        ack("A1", "li.wei", "sensor cleaned");

        assertThat(rig.board.standing()).isEmpty();
        assertThat(rig.state.loadStanding()).isEmpty();
        assertThat(failureOf("A1", "li.wei")).isInstanceOf(UnknownAlarmException.class);
    }

    @Test
    void theAcknowledgementSurvivesARestart() throws Exception {
        rig.fire(AlarmTransition.RAISED, "A1", FACE, Level.ORANGE);
        AlarmEvent ack = ack("A1", "li.wei", "ventilation adjusted");
        rig.close();

        try (AlarmStateStore reopened = AlarmStateStore.open(directory)) {
            assertThat(reopened.loadStanding()).singleElement().extracting(StandingAlarm::acknowledgement)
                    .isEqualTo(new Acknowledgement("li.wei", ack.eventTimeMillis(), "ventilation adjusted"));
        }
        rig = new LifecycleRig(directory);
    }

    @Test
    void aBlankUserIsRefused() {
        rig.fire(AlarmTransition.RAISED, "A1", FACE, Level.ORANGE);

        assertThat(failureOf("A1", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user : ' ' (expected: the name of the person acknowledging)");
    }

    @Test
    void anEventThatIsNeverRecordedFailsAfterTheTimeout() throws Exception {
        rig.fire(AlarmTransition.RAISED, "A1", FACE, Level.ORANGE);
        rig.state.close();

        CompletableFuture<AlarmEvent> future = acknowledger.acknowledge("A1", "li.wei", null).toCompletableFuture();
        assertThat(future).isNotDone();
        rig.scheduler.advance(Duration.ofSeconds(10));

        assertThat(future).isCompletedExceptionally();
    }
}
