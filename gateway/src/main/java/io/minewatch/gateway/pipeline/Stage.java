package io.minewatch.gateway.pipeline;

import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.RejectSink;
import io.minewatch.collectors.reject.Rejection;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline stage that turns one message into at most one message for the next stage. If the stage throws, the
 * received payload goes to the dead-letter log as an internal error and its delivery completes, so one bad message
 * can neither stop a lane nor leak its in-flight permit.
 */
abstract class Stage<I> extends MessageToMessageDecoder<I> {

    private static final Logger LOG = LoggerFactory.getLogger(Stage.class);

    private final RejectSink rejects;

    Stage(Class<I> type, RejectSink rejects) {
        super(type);
        this.rejects = rejects;
    }

    @Override
    protected final void decode(ChannelHandlerContext ctx, I message, List<Object> out) {
        try {
            process(message, out);
        } catch (RuntimeException e) {
            Ingest ingest = ingestOf(message);
            LOG.error("Stage {} failed on a message from {} topic {}", getClass().getSimpleName(), ingest.source(),
                    ingest.topic(), e);
            rejects.reject(new Rejection(RejectReason.INTERNAL_ERROR, getClass().getSimpleName() + ": " + e,
                    ingest.source(), ingest.topic(), new String(ingest.payload(), StandardCharsets.UTF_8),
                    ingest.receivedAtMillis()));
            out.clear();
            ingest.delivery().complete();
        }
    }

    /** Processes one message, adding what the next stage gets to {@code out}, or completing its delivery. */
    protected abstract void process(I message, List<Object> out);

    protected abstract Ingest ingestOf(I message);

    protected RejectSink rejects() {
        return rejects;
    }
}
