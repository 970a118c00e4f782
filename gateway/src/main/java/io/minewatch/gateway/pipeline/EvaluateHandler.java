package io.minewatch.gateway.pipeline;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.reject.RejectSink;
import io.minewatch.gateway.rules.RuleEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each reading through the rule engine. Not sharable: it owns the alarm state of the sensors routed to its
 * event loop, which is why evaluation needs no locks.
 */
final class EvaluateHandler extends Stage<ReadingBatch> {

    private final RuleEngine engine;
    /** Reused for every batch: most readings cause no transition, and those should allocate nothing here. */
    private final List<AlarmEvent> transitions = new ArrayList<>();

    EvaluateHandler(RuleEngine engine, RejectSink rejects) {
        super(ReadingBatch.class, rejects);
        this.engine = engine;
    }

    @Override
    protected Ingest ingestOf(ReadingBatch batch) {
        return batch.ingest();
    }

    @Override
    protected void process(ReadingBatch batch, List<Object> out) {
        List<Reading> readings = batch.readings();
        List<AlarmEvent> events;
        try {
            for (int i = 0; i < readings.size(); i++) {
                engine.evaluate(readings.get(i), transitions);
            }
            events = transitions.isEmpty() ? List.of() : List.copyOf(transitions);
        } finally {
            transitions.clear();
        }
        out.add(new EvaluatedBatch(batch.ingest(), readings, events));
    }
}
