package io.minewatch.gateway.web;

import io.minewatch.gateway.alarms.Acknowledgement;
import io.minewatch.gateway.alarms.AlarmAcknowledger;
import io.minewatch.gateway.alarms.AlarmAlreadyAcknowledgedException;
import io.minewatch.gateway.alarms.AlarmBoard;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmListener;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.alarms.UnknownAlarmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory alarm lifecycle for the control-room tests (the real one lives with the alarm state): acknowledges
 * an active alarm of the board once, and hands the ACKNOWLEDGED event to the board and the live stream.
 */
final class TestAcknowledger implements AlarmAcknowledger {

    private final AlarmBoard board;
    private final List<AlarmListener> listeners;
    private final Clock clock;
    private final Map<String, Acknowledgement> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    TestAcknowledger(AlarmBoard board, List<AlarmListener> listeners, Clock clock) {
        this.board = board;
        this.listeners = listeners;
        this.clock = clock;
    }

    @Override
    public synchronized CompletionStage<AlarmEvent> acknowledge(String alarmId, String user, String note) {
        AlarmEvent last = board.active().stream().filter(e -> e.alarmId().equals(alarmId)).findFirst().orElse(null);
        if (last == null) {
            return CompletableFuture.failedFuture(new UnknownAlarmException(alarmId));
        }
        Acknowledgement before = acknowledged.get(alarmId);
        if (before != null) {
            return CompletableFuture.failedFuture(new AlarmAlreadyAcknowledgedException(alarmId, before));
        }
        long now = clock.millis();
        acknowledged.put(alarmId, new Acknowledgement(user, now, note));
        Map<String, String> details = new HashMap<>();
        details.put("acknowledged_by", user);
        if (note != null) {
            details.put("note", note);
        }
        AlarmEvent event = new AlarmEvent("ack-" + ids.incrementAndGet(), alarmId, AlarmTransition.ACKNOWLEDGED,
                last.site(), last.sensor(), last.kind(), last.ruleId(), last.levelName(), last.level(),
                last.level(), last.threshold(), last.value(), last.readingTimestampMillis(), now, last.registered(),
                details);
        listeners.forEach(l -> l.onAlarm(event));
        return CompletableFuture.completedFuture(event);
    }
}
