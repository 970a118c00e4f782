package io.minewatch.gateway.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in the pipeline: logs what a stage threw and counts it. Stages complete a message's delivery themselves, and
 * {@link Stage} turns a stage's failure into a rejection first, so reaching here means a defect in the
 * pipeline's own plumbing.
 */
@Sharable
final class ExceptionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ExceptionHandler.class);

    private final Counter failures;

    ExceptionHandler(Counter failures) {
        this.failures = failures;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failures.increment();
        LOG.error("Pipeline lane {} failed unexpectedly", ctx.channel().id(), cause);
    }
}
