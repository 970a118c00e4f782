package io.minewatch.gateway.alarms.lifecycle;

import io.minewatch.collectors.Ingest;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.pipeline.Dispatcher;
import io.minewatch.gateway.pipeline.EvaluatedBatch;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Emits alarm events that no reading caused (acknowledgement, escalation, shelving) as if a reading had: decided and
 * dispatched on the event loop of the alarm's sensor, through the same dispatcher as the rule engine's events. So
 * they reach every alarm listener in order with the alarm's other events (never concurrently with them), then
 * storage and the alarm state, in the same order; the returned stage completes once the event is recorded.
 *
 * <pre>
 *  caller ──▶ sensor's lane: decide ──▶ dispatcher ──▶ listeners (board, MQTT, log, uplink, journal...)
 *                                                └─▶ storage ──▶ alarm state ──▶ stage completes
 * </pre>
 */
public final class LaneEmitter {

    /** The source named in the log when an emitted event's recording fails. */
    public static final String SOURCE = "alarm-lifecycle";

    private final Function<String, Executor> lanes;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService scheduler;
    private final Duration recordTimeout;
    private final Clock clock;

    /**
     * @param lanes         the event loop of a sensor ({@code ReadingPipeline::laneExecutor})
     * @param dispatcher    the dispatcher the lanes' last stage calls
     * @param scheduler     for the time limit on recording
     * @param recordTimeout how long a caller waits for the event to be recorded before its stage fails; the event may
     *                      still be recorded later
     */
    public LaneEmitter(Function<String, Executor> lanes, Dispatcher dispatcher, ScheduledExecutorService scheduler,
            Duration recordTimeout, Clock clock) {
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (recordTimeout.isNegative() || recordTimeout.isZero()) {
            throw new IllegalArgumentException("recordTimeout : " + recordTimeout + " (expected: > 0)");
        }
        this.recordTimeout = recordTimeout;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs {@code decide} on {@code sensor}'s event loop and dispatches the event it returns. The stage completes with
     * the event once it is recorded, with null when {@code decide} returned null (nothing to emit), or exceptionally
     * with what {@code decide} threw, or with a {@link TimeoutException} when recording takes too long.
     */
    public CompletionStage<AlarmEvent> emit(String sensor, Supplier<AlarmEvent> decide) {
        CompletableFuture<AlarmEvent> recorded = new CompletableFuture<>();
        Runnable onLane = () -> {
            try {
                AlarmEvent event = decide.get();
                if (event == null) {
                    recorded.complete(null);
                    return;
                }
                Ingest ingest = new Ingest(SOURCE, event.transition().id() + "/" + event.alarmId(), event.site(),
                        event.sensor(), new byte[0], clock.millis(), () -> recorded.complete(event));
                dispatcher.dispatch(new EvaluatedBatch(ingest, List.of(), List.of(event)));
                if (!recorded.isDone()) {
                    var timeout = scheduler.schedule(() -> recorded.completeExceptionally(new TimeoutException(
                            "alarm event " + event.id() + " (" + event.transition().id() + " of alarm "
                            + event.alarmId() + ") not recorded within " + recordTimeout)),
                            recordTimeout.toMillis(), TimeUnit.MILLISECONDS);
                    recorded.whenComplete((e, failure) -> timeout.cancel(false));
                }
            } catch (RuntimeException e) {
                recorded.completeExceptionally(e);
            }
        };
        try {
            lanes.apply(sensor).execute(onLane);
        } catch (RejectedExecutionException | IllegalStateException e) {
            recorded.completeExceptionally(e);
        }
        return recorded;
    }
}
