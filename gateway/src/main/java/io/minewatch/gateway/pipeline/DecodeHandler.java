package io.minewatch.gateway.pipeline;

import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.codec.DecodedReading;
import io.minewatch.collectors.codec.PayloadCodec;
import io.minewatch.collectors.reject.RejectSink;
import io.minewatch.collectors.reject.Rejection;
import io.netty.channel.ChannelHandler.Sharable;
import java.util.ArrayList;
import java.util.List;

/** Decodes a received payload into readings; what cannot be read goes to the reject sink. */
@Sharable
final class DecodeHandler extends Stage<Ingest> {

    private final PayloadCodec codec;

    DecodeHandler(PayloadCodec codec, RejectSink rejects) {
        super(Ingest.class, rejects);
        this.codec = codec;
    }

    @Override
    protected Ingest ingestOf(Ingest ingest) {
        return ingest;
    }

    @Override
    protected void process(Ingest ingest, List<Object> out) {
        List<DecodedReading> readings = new ArrayList<>(1);
        List<Rejection> rejections = new ArrayList<>(0);
        codec.decode(ingest, readings, rejections);
        for (Rejection rejection : rejections) {
            rejects().reject(rejection);
        }
        if (readings.isEmpty()) {
            ingest.delivery().complete();
        } else {
            out.add(new DecodedBatch(ingest, readings));
        }
    }
}
