package io.minewatch.gateway.pipeline;

/**
 * The last stage's work: hand readings and alarm events to storage, the live view and the alarm outputs, and complete
 * the message's delivery once they are stored. Called on the event loop that evaluated the batch: must not block.
 */
@FunctionalInterface
public interface Dispatcher {

    void dispatch(EvaluatedBatch batch);
}
