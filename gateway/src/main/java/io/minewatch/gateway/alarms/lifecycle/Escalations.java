package io.minewatch.gateway.alarms.lifecycle;

import io.minewatch.config.AlarmHandlingConfig;
import io.minewatch.config.AlarmHandlingConfig.AckPolicy;
import io.minewatch.config.AlarmHandlingConfig.Contact;
import io.minewatch.gateway.alarms.AlarmBoard;
import io.minewatch.gateway.alarms.AlarmDetails;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmListener;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.alarms.StandingAlarm;
import io.minewatch.gateway.rules.AlarmIds;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 叫应 escalation (DOMAIN.md §7): a standing alarm at or above its site's {@code deadline_from} level that nobody
 * acknowledges in time produces an UNACKNOWLEDGED event for the next contact level, and again after each further
 * deadline, until it is acknowledged or the last contact has been told.
 *
 * <p>The contacts of a site are in order: the first is the person responsible, told of the alarm when it is raised
 * (by the {@link Notifier}); contact level {@code k} (1, 2, ...) is told at {@code raise time + k × ack_deadline}
 * (or one deadline after level {@code k-1}, whichever is later) and is {@code contacts[k]}. A site with a single contact gets one UNACKNOWLEDGED event, for that contact again.
 * Deadlines count from the persisted raise time, so they survive a restart ({@link #restore}); the contact level
 * already told is persisted too, so none is told twice. A cleared alarm that is not acknowledged goes on escalating:
 * the alarm still wants its answer.
 *
 * <p>An alarm listener (after the {@link AlarmBoard}, whose state it reads): it schedules on raise, on each
 * UNACKNOWLEDGED and when an alarm rises into the deadline levels, and stops on acknowledgement. The timers only ask
 * the {@link LaneEmitter} to decide on the alarm's lane, against the board as the lane left it.
 */
public final class Escalations implements AlarmListener {

    private static final Logger LOG = LoggerFactory.getLogger(Escalations.class);

    private final AlarmHandlingConfig config;
    private final AlarmBoard board;
    private final LaneEmitter emitter;
    private final AlarmIds ids;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Map<String, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();

    public Escalations(AlarmHandlingConfig config, AlarmBoard board, LaneEmitter emitter, AlarmIds ids,
            ScheduledExecutorService scheduler, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.board = Objects.requireNonNull(board, "board");
        this.emitter = Objects.requireNonNull(emitter, "emitter");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Resumes the deadlines of alarms that stood before a restart; call once the lanes run. */
    public void restore(List<StandingAlarm> alarms) {
        for (StandingAlarm alarm : alarms) {
            scheduleNext(alarm, Long.MIN_VALUE);
        }
    }

    @Override
    public void onAlarm(AlarmEvent event) {
        switch (event.transition()) {
            case RAISED, ESCALATED, DEESCALATED -> {
                if (event.transition() != AlarmTransition.DEESCALATED || !timers.containsKey(event.alarmId())) {
                    board.standing(event.alarmId()).ifPresent(alarm -> scheduleNext(alarm, Long.MIN_VALUE));
                }
            }
            case UNACKNOWLEDGED -> board.standing(event.alarmId()).ifPresent(alarm -> scheduleNext(alarm,
                    event.eventTimeMillis() + config.policyFor(event.site()).deadline().toMillis()));
            case ACKNOWLEDGED -> cancel(event.alarmId());
            case CLEARED, SHELVED, UNSHELVED -> { }
        }
    }

    /** Alarms waiting for a deadline. */
    public int pending() {
        return timers.size();
    }

    /**
     * Level {@code k} is due {@code k} deadlines after the raise, but never sooner than {@code notBeforeMillis} (one
     * deadline after the previous level was told): an alarm that rises into the deadline levels late, or a gateway
     * that was down past several deadlines, tells one level at once and the next ones a deadline apart.
     */
    private void scheduleNext(StandingAlarm alarm, long notBeforeMillis) {
        AlarmEvent last = alarm.lastTransition();
        AckPolicy policy = config.policyFor(last.site());
        int next = alarm.contactLevel() + 1;
        if (alarm.isAcknowledged() || !policy.appliesTo(last.level()) || next > levels(policy)) {
            cancel(alarm.alarmId());
            return;
        }
        long due = Math.max(alarm.raisedAtMillis() + next * policy.deadline().toMillis(), notBeforeMillis);
        long delay = Math.max(0, due - clock.millis());
        String alarmId = alarm.alarmId();
        String sensor = last.sensor();
        ScheduledFuture<?> timer = scheduler.schedule(() -> emitter.emit(sensor, () -> decide(alarmId, next, due))
                .whenComplete((event, failure) -> {
                    if (failure != null) {
                        LOG.error("Escalation of alarm {} of {}/{} to contact level {} not recorded", alarmId,
                                last.site(), sensor, next, failure);
                    }
                }), delay, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = timers.put(alarmId, timer);
        if (previous != null && previous != timer) {
            previous.cancel(false);
        }
    }

    /** On the alarm's lane: null when it was acknowledged, left, or was already escalated this far meanwhile. */
    private AlarmEvent decide(String alarmId, int level, long deadlineMillis) {
        StandingAlarm alarm = board.standing(alarmId).orElse(null);
        if (alarm == null || alarm.isAcknowledged()) {
            timers.remove(alarmId);
            return null;
        }
        if (alarm.contactLevel() >= level) {
            return null;
        }
        AlarmEvent e = alarm.lastTransition();
        AckPolicy policy = config.policyFor(e.site());
        if (!policy.appliesTo(e.level())) {
            timers.remove(alarmId);
            return null;
        }
        Contact contact = policy.contacts().get(Math.min(level, policy.contacts().size() - 1));
        long now = clock.millis();
        LOG.warn("Alarm {} of {}/{} ({}) not acknowledged by {}: telling contact level {} {}", alarmId, e.site(),
                e.sensor(), e.level().id(), Instant.ofEpochMilli(deadlineMillis), level, contact.id());
        return new AlarmEvent(ids.next(), alarmId, AlarmTransition.UNACKNOWLEDGED, e.site(), e.sensor(), e.kind(),
                e.ruleId(), e.levelName(), e.level(), e.level(), e.threshold(), e.value(), now, now, e.registered(),
                Map.of(AlarmDetails.CONTACT_LEVEL, Integer.toString(level), AlarmDetails.CONTACT, contact.id(),
                        AlarmDetails.CONTACT_NAME, contact.name(),
                        AlarmDetails.DEADLINE, Instant.ofEpochMilli(deadlineMillis).toString()));
    }

    private void cancel(String alarmId) {
        ScheduledFuture<?> timer = timers.remove(alarmId);
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Escalation levels of a policy: one per contact after the first, at least one. */
    static int levels(AckPolicy policy) {
        return Math.max(1, policy.contacts().size() - 1);
    }
}
