package io.minewatch.gateway.alarms.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.AlarmHandlingConfig;
import io.minewatch.config.AlarmHandlingConfig.AckPolicy;
import io.minewatch.config.AlarmHandlingConfig.Contact;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EscalationsTest {

    private static final String FACE = "CM01-CH4-T1";
    private static final Duration DEADLINE = Duration.ofMinutes(5);
    private static final AlarmHandlingConfig CONFIG = new AlarmHandlingConfig(new AckPolicy(DEADLINE, Level.ORANGE,
            List.of(new Contact("duty_officer", "Duty officer"), new Contact("safety_officer", "Safety officer Wang"),
                    new Contact("mine_manager", null))),
            Map.of("TP01", new AckPolicy(Duration.ofMinutes(30), Level.YELLOW, List.of(new Contact("pond_chief",
                    null)))), null, null);

    @TempDir
    Path directory;

    private LifecycleRig rig;
    private Escalations escalations;
    private LaneAcknowledger acknowledger;

    @BeforeEach
    void start() throws Exception {
        rig = new LifecycleRig(directory);
        escalations = new Escalations(CONFIG, rig.board, rig.emitter, rig::nextId, rig.scheduler, rig.clock);
        rig.addListener(escalations);
        acknowledger = new LaneAcknowledger(rig.board, rig.emitter, rig::nextId, rig.clock);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private List<AlarmEvent> unacknowledged() {
        return rig.notified.stream().filter(e -> e.transition() == AlarmTransition.UNACKNOWLEDGED).toList();
    }

    @Test
    void anAlarmNotAcknowledgedByItsDeadlineIsEscalatedToTheNextContactAndRecorded() {
        AlarmEvent raised = rig.fire(AlarmTransition.RAISED, "A1", FACE, Level.ORANGE);

        rig.scheduler.advance(DEADLINE.minusMillis(1));
        assertThat(unacknowledged()).isEmpty();
        rig.scheduler.advance(Duration.ofMillis(1));

        assertThat(unacknowledged()).singleElement().satisfies(e -> {
            assertThat(e.alarmId()).isEqualTo("A1");
            assertThat(e.level()).isEqualTo(Level.ORANGE);
            assertThat(e.eventTimeMillis()).isEqualTo(raised.eventTimeMillis() + DEADLINE.toMillis());
            assertThat(e.details()).containsEntry("contact_level", "1").containsEntry("contact", "safety_officer")
                    .containsEntry("contact_name", "Safety officer Wang")
                    .containsEntry("deadline", "2025-11-22T11:05:00Z");
        });
        assertThat(rig.stored).extracting(AlarmEvent::transition)
                .containsExactly(AlarmTransition.RAISED, AlarmTransition.UNACKNOWLEDGED);
        assertThat(rig.board.standing("A1")).get().extracting(a -> a.contactLevel()).isEqualTo(1);
    }

    @Test
    void escalationRepeatsToEachFurtherContactLevelAndStopsAtTheLast() {
        rig.fire(AlarmTransition.RAISED, "A1", FACE, Level.ORANGE);

        rig.scheduler.advance(DEADLINE.multipliedBy(10));

        assertThat(unacknowledged()).extracting(e -> e.details().get("contact_level"), e -> e.details().get("contact"),
                AlarmEvent::eventTimeMillis).containsExactly(
                        org.assertj.core.api.Assertions.tuple("1", "safety_officer",
                                LifecycleRig.START.plus(DEADLINE).toEpochMilli()),
                        org.assertj.core.api.Assertions.tuple("2", "mine_manager",
                                LifecycleRig.START.plus(DEADLINE.multipliedBy(2)).toEpochMilli()));
        assertThat(escalations.pending()).isZero();
        assertThat(rig.scheduler.pending()).isZero();
    }

    @Test
    void acknowledgementStopsTheEscalation() {
        rig.fire(AlarmTransition.RAISED, "A1", FACE, Level.ORANGE);
        rig.scheduler.advance(DEADLINE);
        assertThat(unacknowledged()).hasSize(1);

        acknowledger.acknowledge("A1", "li.wei", null).toCompletableFuture().join();
        rig.scheduler.advance(DEADLINE.multipliedBy(10));

        assertThat(unacknowledged()).hasSize(1);
        assertThat(rig.scheduler.pending()).isZero();
    }

    @Test
    void anAlarmBelowTheDeadlineLevelNeverEscalatesButOneThatRisesIntoItDoes() {
        rig.fire(AlarmTransition.RAISED, "A1", FACE, Level.YELLOW);
        rig.scheduler.advance(DEADLINE.multipliedBy(3));
        assertThat(unacknowledged()).isEmpty();

        rig.fire(AlarmTransition.ESCALATED, "A1", FACE, Level.ORANGE);
        rig.scheduler.runDue();

        // Deadlines count from the raise, long past: the first level is told at once, the next a deadline later.
        assertThat(unacknowledged()).extracting(e -> e.details().get("contact_level")).containsExactly("1");
        rig.scheduler.advance(DEADLINE.minusMillis(1));
        assertThat(unacknowledged()).hasSize(1);
        rig.scheduler.advance(Duration.ofMillis(1));
        assertThat(unacknowledged()).extracting(e -> e.details().get("contact_level")).containsExactly("1", "2");
    }

    @Test
    void aClearedAlarmNobodyAcknowledgedGoesOnEscalating() {
        rig.fire(AlarmTransition.RAISED, "A1", FACE, Level.RED);
        rig.fire(AlarmTransition.CLEARED, "A1", FACE, Level.RED);

        rig.scheduler.advance(DEADLINE);

        assertThat(unacknowledged()).hasSize(1);
    }

    @Test
    void eachSiteHasItsOwnDeadlineAndContacts() {
        rig.fire(AlarmTransition.RAISED, "A1", FACE, Level.ORANGE);
        rig.dispatch(new AlarmEvent("p1", "P1", AlarmTransition.RAISED, "TP01", "TP01-WL-1",
                io.minewatch.config.quantity.Kind.WATER_LEVEL, "level", "warning", Level.YELLOW, null, 1.0, 1.2,
                rig.clock.millis(), rig.clock.millis(), true));

        rig.scheduler.advance(Duration.ofMinutes(30));

        assertThat(unacknowledged()).filteredOn(e -> e.alarmId().equals("P1")).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("contact", "pond_chief")
                        .containsEntry("contact_level", "1"));
    }

    @Test
    void deadlinesSurviveARestartAndNoContactIsToldTwice() throws Exception {
        rig.fire(AlarmTransition.RAISED, "A1", FACE, Level.ORANGE);
        rig.scheduler.advance(DEADLINE.plusMinutes(1));
        assertThat(unacknowledged()).hasSize(1);
        rig.close();

        // The gateway was down for a while; at the restart it is 7 minutes past the raise.
        LifecycleRig restarted = new LifecycleRig(directory);
        restarted.clock.advance(Duration.ofMinutes(7));
        var standing = restarted.state.loadStanding();
        restarted.board.restoreStanding(standing);
        Escalations resumed = new Escalations(CONFIG, restarted.board, restarted.emitter, restarted::nextId,
                restarted.scheduler, restarted.clock);
        restarted.addListener(resumed);
        resumed.restore(standing);
        rig = restarted;

        restarted.scheduler.advance(Duration.ofMinutes(3).minusMillis(1));
        assertThat(restarted.notified).isEmpty();
        restarted.scheduler.advance(Duration.ofMillis(1));

        assertThat(restarted.notified).singleElement().satisfies(e -> {
            assertThat(e.transition()).isEqualTo(AlarmTransition.UNACKNOWLEDGED);
            assertThat(e.details()).containsEntry("contact_level", "2").containsEntry("contact", "mine_manager");
            assertThat(e.eventTimeMillis()).isEqualTo(LifecycleRig.START.plus(DEADLINE.multipliedBy(2))
                    .toEpochMilli());
        });
    }
}
