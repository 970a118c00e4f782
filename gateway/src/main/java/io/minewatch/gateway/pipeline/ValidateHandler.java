package io.minewatch.gateway.pipeline;

import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.codec.DecodedReading;
import io.minewatch.collectors.codec.ReadingValidator;
import io.minewatch.collectors.reject.RejectSink;
import io.minewatch.collectors.reject.Rejection;
import io.netty.channel.ChannelHandler.Sharable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Drops readings that no sensor could have produced: non-finite values, timestamps from the future. */
@Sharable
final class ValidateHandler extends Stage<DecodedBatch> {

    private final ReadingValidator validator;

    ValidateHandler(ReadingValidator validator, RejectSink rejects) {
        super(DecodedBatch.class, rejects);
        this.validator = validator;
    }

    @Override
    protected Ingest ingestOf(DecodedBatch batch) {
        return batch.ingest();
    }

    @Override
    protected void process(DecodedBatch batch, List<Object> out) {
        Ingest ingest = batch.ingest();
        List<DecodedReading> valid = null;
        List<DecodedReading> readings = batch.readings();
        for (int i = 0; i < readings.size(); i++) {
            DecodedReading reading = readings.get(i);
            Optional<Rejection> rejection = validator.check(reading, ingest.source(), ingest.topic());
            if (rejection.isPresent()) {
                rejects().reject(rejection.get());
                if (valid == null) {
                    valid = new ArrayList<>(readings.subList(0, i));
                }
            } else if (valid != null) {
                valid.add(reading);
            }
        }
        if (valid == null) {
            out.add(batch);
        } else if (valid.isEmpty()) {
            ingest.delivery().complete();
        } else {
            out.add(new DecodedBatch(ingest, valid));
        }
    }
}
