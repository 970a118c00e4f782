package io.minewatch.gateway.pipeline;

import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.reject.RejectSink;
import io.netty.channel.ChannelHandler.Sharable;
import java.util.List;

/** Hands each evaluated batch to the dispatcher; the last stage, it passes nothing on. */
@Sharable
final class DispatchHandler extends Stage<EvaluatedBatch> {

    private final Dispatcher dispatcher;

    DispatchHandler(Dispatcher dispatcher, RejectSink rejects) {
        super(EvaluatedBatch.class, rejects);
        this.dispatcher = dispatcher;
    }

    @Override
    protected Ingest ingestOf(EvaluatedBatch batch) {
        return batch.ingest();
    }

    @Override
    protected void process(EvaluatedBatch batch, List<Object> out) {
        dispatcher.dispatch(batch);
    }
}
