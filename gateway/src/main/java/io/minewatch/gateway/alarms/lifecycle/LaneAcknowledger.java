package io.minewatch.gateway.alarms.lifecycle;

import io.minewatch.gateway.alarms.AlarmAcknowledger;
import io.minewatch.gateway.alarms.AlarmAlreadyAcknowledgedException;
import io.minewatch.gateway.alarms.AlarmBoard;
import io.minewatch.gateway.alarms.AlarmDetails;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.alarms.StandingAlarm;
import io.minewatch.gateway.alarms.UnknownAlarmException;
import io.minewatch.gateway.rules.AlarmIds;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Acknowledges standing alarms: the ACKNOWLEDGED event is decided on the alarm's sensor's event loop, against the
 * board as that loop's earlier events left it, so two people acknowledging at once get one acknowledgement and one
 * {@link AlarmAlreadyAcknowledgedException}, and an acknowledgement racing the alarm's clearing is ordered with it.
 *
 * <p>The event repeats the alarm's level, threshold and value; its reading time is the acknowledgement's time (no
 * reading caused it), which also keeps it apart in storage, where events are keyed by (sensor, rule, transition,
 * reading time).
 */
public final class LaneAcknowledger implements AlarmAcknowledger {

    /** Longest note kept; a longer one is cut, so a pasted log cannot bloat every output. */
    public static final int MAX_NOTE_LENGTH = 2_000;

    private final AlarmBoard board;
    private final LaneEmitter emitter;
    private final AlarmIds ids;
    private final Clock clock;

    public LaneAcknowledger(AlarmBoard board, LaneEmitter emitter, AlarmIds ids, Clock clock) {
        this.board = Objects.requireNonNull(board, "board");
        this.emitter = Objects.requireNonNull(emitter, "emitter");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CompletionStage<AlarmEvent> acknowledge(String alarmId, String user, String note) {
        if (alarmId == null || alarmId.isBlank()) {
            return CompletableFuture.failedFuture(new UnknownAlarmException(String.valueOf(alarmId)));
        }
        if (user == null || user.isBlank()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "user : '" + user + "' (expected: the name of the person acknowledging)"));
        }
        StandingAlarm seen = board.standing(alarmId).orElse(null);
        if (seen == null) {
            return CompletableFuture.failedFuture(new UnknownAlarmException(alarmId));
        }
        String trimmedNote = note == null || note.isBlank() ? null
                : note.length() > MAX_NOTE_LENGTH ? note.substring(0, MAX_NOTE_LENGTH) : note;
        return emitter.emit(seen.lastTransition().sensor(), () -> decide(alarmId, user.strip(), trimmedNote));
    }

    /** On the sensor's event loop. */
    private AlarmEvent decide(String alarmId, String user, String note) {
        StandingAlarm alarm = board.standing(alarmId).orElseThrow(() -> new UnknownAlarmException(alarmId));
        if (alarm.isAcknowledged()) {
            throw new AlarmAlreadyAcknowledgedException(alarmId, alarm.acknowledgement());
        }
        Map<String, String> details = new HashMap<>();
        details.put(AlarmDetails.ACKNOWLEDGED_BY, user);
        if (note != null) {
            details.put(AlarmDetails.NOTE, note);
        }
        AlarmEvent e = alarm.lastTransition();
        long now = clock.millis();
        return new AlarmEvent(ids.next(), alarmId, AlarmTransition.ACKNOWLEDGED, e.site(), e.sensor(), e.kind(),
                e.ruleId(), e.levelName(), e.level(), e.level(), e.threshold(), e.value(), now, now, e.registered(),
                details);
    }
}
