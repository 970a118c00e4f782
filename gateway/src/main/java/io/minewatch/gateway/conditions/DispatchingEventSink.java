package io.minewatch.gateway.conditions;

import io.minewatch.collectors.Delivery;
import io.minewatch.collectors.Ingest;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.pipeline.Dispatcher;
import io.minewatch.gateway.pipeline.EvaluatedBatch;
import java.util.List;
import java.util.Objects;

/**
 * Hands condition alarms to the pipeline's {@link Dispatcher} as a batch without readings, under a message with no
 * delivery to complete. Calls are serialized, so a sensor's transitions keep their order even when several threads
 * (the offline monitor, the pond aggregator, the HTTP API) decide them.
 */
public final class DispatchingEventSink implements ConditionEventSink {

    static final String SOURCE = "conditions";

    private final Dispatcher dispatcher;

    public DispatchingEventSink(Dispatcher dispatcher) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    @Override
    public synchronized void emit(List<AlarmEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        AlarmEvent first = events.get(0);
        Ingest ingest = new Ingest(SOURCE, SOURCE, first.site(), first.sensor(), new byte[0], first.eventTimeMillis(),
                Delivery.NONE);
        dispatcher.dispatch(new EvaluatedBatch(ingest, List.of(), List.copyOf(events)));
    }
}
