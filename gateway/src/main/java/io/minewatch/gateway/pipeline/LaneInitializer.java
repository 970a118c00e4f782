package io.minewatch.gateway.pipeline;

import io.minewatch.collectors.codec.PayloadCodec;
import io.minewatch.collectors.codec.ReadingValidator;
import io.minewatch.collectors.reject.RejectSink;
import io.minewatch.gateway.registry.SensorRegistry;
import io.minewatch.gateway.rules.RuleEngine;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import java.util.function.Supplier;

/**
 * Builds one lane's pipeline. The stateless stages are shared by all lanes; each lane gets its own rule engine,
 * which holds the alarm state of the sensors routed to it.
 *
 * <pre>
 *   Ingest ──► decode ──► validate ──► enrich ──► evaluate ──► dispatch ──► exceptions
 *            (payload    (finite,     (registry,  (rules,      (storage,
 *             → readings) not future)  unit)       alarms)      live view, alarm outputs)
 * </pre>
 */
public final class LaneInitializer extends ChannelInitializer<Channel> {

    private final DecodeHandler decode;
    private final ValidateHandler validate;
    private final EnrichHandler enrich;
    private final Supplier<RuleEngine> engines;
    private final DispatchHandler dispatch;
    private final ExceptionHandler exceptions;
    private final RejectSink rejects;
    private final PipelineMetrics metrics;

    public LaneInitializer(PayloadCodec codec, ReadingValidator validator, SensorRegistry registry,
            Supplier<RuleEngine> engines, Dispatcher dispatcher, RejectSink rejects, PipelineMetrics metrics) {
        this.decode = new DecodeHandler(codec, rejects);
        this.validate = new ValidateHandler(validator, rejects);
        this.enrich = new EnrichHandler(registry, rejects);
        this.engines = engines;
        this.dispatch = new DispatchHandler(dispatcher, rejects);
        this.exceptions = new ExceptionHandler(metrics.laneFailures());
        this.rejects = rejects;
        this.metrics = metrics;
    }

    @Override
    protected void initChannel(Channel channel) {
        addStages(channel.pipeline());
    }

    /** Adds the stages to {@code pipeline} in order; also used to test the stages without sockets. */
    public void addStages(ChannelPipeline pipeline) {
        pipeline.addLast(PipelineStages.DECODE, decode);
        pipeline.addLast(PipelineStages.VALIDATE, validate);
        pipeline.addLast(PipelineStages.ENRICH, enrich);
        pipeline.addLast(PipelineStages.EVALUATE,
                new EvaluateHandler(engines.get(), rejects, metrics.alreadyEvaluated()));
        pipeline.addLast(PipelineStages.DISPATCH, dispatch);
        pipeline.addLast(PipelineStages.EXCEPTIONS, exceptions);
    }
}
