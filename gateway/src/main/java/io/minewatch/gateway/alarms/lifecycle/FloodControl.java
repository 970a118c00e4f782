package io.minewatch.gateway.alarms.lifecycle;

import io.minewatch.collectors.Ingest;
import io.minewatch.config.AlarmHandlingConfig.Shelving;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.alarms.AlarmDetails;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.pipeline.Dispatcher;
import io.minewatch.gateway.pipeline.EvaluatedBatch;
import io.minewatch.gateway.rules.AlarmIds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flood control, in front of the dispatcher, on the lanes: a rule of a sensor raised {@code raises} times within
 * {@code window} is shelved. A SHELVED event follows the raise that tipped it; from then on every event of that rule
 * and sensor still goes everywhere it went (listeners, storage, alarm state: nothing is dropped) but carries the
 * detail {@code shelved: "true"}, which tells the {@link Notifier} not to notify anyone. After {@code shelve_for}
 * an UNSHELVED event ends it, decided on the sensor's lane.
 *
 * <p>Safety decision: unless {@code shelve_red} is set, a red (power-cut) alarm is never shelved, and a red
 * transition of a shelved rule unshelves it first (UNSHELVED, then the red event, notified as usual): shelving is
 * for nuisance alarms, and a power cut must reach a person even from a flapping sensor.
 *
 * <p>Per rule and sensor state is touched only on that sensor's lane (its events and its unshelve task run there),
 * so it needs no lock; a batch without events passes straight through.
 */
public final class FloodControl implements Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(FloodControl.class);

    private final Dispatcher next;
    private final Shelving config;
    private final Function<String, Executor> lanes;
    private final AlarmIds ids;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Map<String, Chatter> chatter = new ConcurrentHashMap<>();

    /** What is known of one rule of one sensor. */
    private static final class Chatter {
        final Deque<Long> raises = new ArrayDeque<>();
        /** Epoch ms when it is unshelved; 0 while not shelved. */
        long shelvedUntil;
        ScheduledFuture<?> unshelve;
        AlarmEvent last;
    }

    public FloodControl(Dispatcher next, Shelving config, Function<String, Executor> lanes, AlarmIds ids,
            ScheduledExecutorService scheduler, Clock clock) {
        this.next = Objects.requireNonNull(next, "next");
        this.config = Objects.requireNonNull(config, "config");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void dispatch(EvaluatedBatch batch) {
        if (batch.events().isEmpty() || !config.enabled()) {
            next.dispatch(batch);
            return;
        }
        List<AlarmEvent> out = new ArrayList<>(batch.events().size() + 1);
        for (AlarmEvent event : batch.events()) {
            process(event, out);
        }
        next.dispatch(new EvaluatedBatch(batch.ingest(), batch.readings(), out));
    }

    /** True while the rule of the sensor is shelved. */
    public boolean isShelved(String sensor, String ruleId) {
        Chatter state = chatter.get(key(sensor, ruleId));
        return state != null && state.shelvedUntil != 0;
    }

    private void process(AlarmEvent event, List<AlarmEvent> out) {
        AlarmTransition transition = event.transition();
        if (transition == AlarmTransition.SHELVED || transition == AlarmTransition.UNSHELVED) {
            out.add(event);
            return;
        }
        String key = key(event.sensor(), event.ruleId());
        Chatter state = chatter.computeIfAbsent(key, k -> new Chatter());
        state.last = event;
        boolean red = event.level() == Level.RED && transition != AlarmTransition.CLEARED;
        if (state.shelvedUntil != 0 && red && !config.shelveRed()) {
            out.add(unshelve(key, state, event, "red"));
        }
        if (state.shelvedUntil != 0) {
            out.add(marked(event));
            return;
        }
        out.add(event);
        if (transition == AlarmTransition.RAISED) {
            long now = event.eventTimeMillis();
            state.raises.addLast(now);
            while (!state.raises.isEmpty() && state.raises.peekFirst() <= now - config.window().toMillis()) {
                state.raises.removeFirst();
            }
            while (state.raises.size() > config.raises()) {
                state.raises.removeFirst();
            }
            if (state.raises.size() >= config.raises() && (!red || config.shelveRed())) {
                out.add(shelve(key, state, event));
            }
        }
    }

    private AlarmEvent shelve(String key, Chatter state, AlarmEvent cause) {
        long now = clock.millis();
        state.shelvedUntil = now + config.shelveFor().toMillis();
        Map<String, String> details = Map.of(AlarmDetails.RAISED_COUNT, Integer.toString(state.raises.size()),
                AlarmDetails.WINDOW, config.window().toString(),
                AlarmDetails.SHELVED_UNTIL, Instant.ofEpochMilli(state.shelvedUntil).toString());
        state.raises.clear();
        LOG.warn("Alarm rule {} of {}/{} raised {} times within {}: shelved until {}; its transitions are recorded "
                + "but not notified", cause.ruleId(), cause.site(), cause.sensor(), details.get(AlarmDetails.RAISED_COUNT),
                config.window(), details.get(AlarmDetails.SHELVED_UNTIL));
        String sensor = cause.sensor();
        long until = state.shelvedUntil;
        state.unshelve = scheduler.schedule(() -> unshelveWhenDue(sensor, key, until),
                config.shelveFor().toMillis(), TimeUnit.MILLISECONDS);
        return lifecycleEvent(AlarmTransition.SHELVED, cause, now, details);
    }

    /** On the scheduler: the decision moves to the sensor's lane. */
    private void unshelveWhenDue(String sensor, String key, long until) {
        try {
            lanes.apply(sensor).execute(() -> {
                Chatter state = chatter.get(key);
                if (state == null || state.shelvedUntil != until) {
                    return;
                }
                AlarmEvent unshelved = unshelve(key, state, state.last, "time");
                Ingest ingest = new Ingest(LaneEmitter.SOURCE, "unshelved/" + unshelved.alarmId(), unshelved.site(),
                        unshelved.sensor(), new byte[0], clock.millis(), null);
                next.dispatch(new EvaluatedBatch(ingest, List.of(), List.of(unshelved)));
            });
        } catch (RejectedExecutionException | IllegalStateException e) {
            LOG.warn("Alarm rule {} not unshelved: the lane of sensor {} is closed", key.replace('\u0000', '/'),
                    sensor);
        }
    }

    private AlarmEvent unshelve(String key, Chatter state, AlarmEvent last, String reason) {
        state.shelvedUntil = 0;
        if (state.unshelve != null) {
            state.unshelve.cancel(false);
            state.unshelve = null;
        }
        LOG.info("Alarm rule {} of {}/{} unshelved ({})", last.ruleId(), last.site(), last.sensor(), reason);
        long now = clock.millis();
        return lifecycleEvent(AlarmTransition.UNSHELVED, last, now, Map.of(AlarmDetails.REASON, reason));
    }

    private AlarmEvent lifecycleEvent(AlarmTransition transition, AlarmEvent of, long now,
            Map<String, String> details) {
        return new AlarmEvent(ids.next(), of.alarmId(), transition, of.site(), of.sensor(), of.kind(), of.ruleId(),
                of.levelName(), of.level(), of.level(), of.threshold(), of.value(), now, now, of.registered(),
                details);
    }

    private static AlarmEvent marked(AlarmEvent event) {
        Map<String, String> details = new HashMap<>(event.details());
        details.put(AlarmDetails.SHELVED, "true");
        return event.withDetails(details);
    }

    private static String key(String sensor, String ruleId) {
        return sensor + '\u0000' + ruleId;
    }
}
