package io.minewatch.collectors.codec;

import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.reject.Rejection;
import java.util.List;

/**
 * Turns a received payload into readings. A codec never throws on bad input: whatever it cannot read becomes a
 * {@link Rejection}; one bad element of a batch does not reject its good neighbours.
 */
public interface PayloadCodec {

    /** Decodes {@code ingest}, adding readings to {@code readings} and rejections to {@code rejections}. */
    void decode(Ingest ingest, List<DecodedReading> readings, List<Rejection> rejections);
}
