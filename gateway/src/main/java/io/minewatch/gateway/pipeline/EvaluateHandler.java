package io.minewatch.gateway.pipeline;

import io.micrometer.core.instrument.Counter;
import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.collectors.reject.RejectSink;
import io.minewatch.gateway.rules.RuleEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each reading through the rule engine. Not sharable: it owns the alarm state of the sensors routed to its
 * event loop, which is why evaluation needs no locks. The readings of a message delivered again are evaluated only
 * where the alarm state does not already reflect them (see {@link RuleEngine#evaluate(Reading, boolean, List)}); all
 * of them go on to storage, where they overwrite themselves.
 */
final class EvaluateHandler extends Stage<ReadingBatch> {

    private final RuleEngine engine;
    private final Counter alreadyEvaluated;
    /** Reused for every batch: most readings cause no transition, and those should allocate nothing here. */
    private final List<AlarmEvent> transitions = new ArrayList<>();

    EvaluateHandler(RuleEngine engine, RejectSink rejects, Counter alreadyEvaluated) {
        super(ReadingBatch.class, rejects);
        this.engine = engine;
        this.alreadyEvaluated = alreadyEvaluated;
    }

    @Override
    protected Ingest ingestOf(ReadingBatch batch) {
        return batch.ingest();
    }

    @Override
    protected void process(ReadingBatch batch, List<Object> out) {
        List<Reading> readings = batch.readings();
        boolean redelivered = batch.ingest().redelivered();
        List<AlarmEvent> events;
        try {
            for (int i = 0; i < readings.size(); i++) {
                if (!engine.evaluate(readings.get(i), redelivered, transitions)) {
                    alreadyEvaluated.increment();
                }
            }
            events = transitions.isEmpty() ? List.of() : List.copyOf(transitions);
        } finally {
            transitions.clear();
        }
        out.add(new EvaluatedBatch(batch.ingest(), readings, events));
    }
}
