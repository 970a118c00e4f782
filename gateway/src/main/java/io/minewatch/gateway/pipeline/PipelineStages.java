package io.minewatch.gateway.pipeline;

/** Names of the pipeline's handlers, in their order. */
public final class PipelineStages {

    public static final String DECODE = "decode";
    public static final String VALIDATE = "validate";
    public static final String ENRICH = "enrich";
    public static final String EVALUATE = "evaluate";
    public static final String DISPATCH = "dispatch";
    public static final String EXCEPTIONS = "exceptions";

    private PipelineStages() {
    }
}
