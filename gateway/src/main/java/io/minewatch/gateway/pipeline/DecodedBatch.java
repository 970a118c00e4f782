package io.minewatch.gateway.pipeline;

import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.codec.DecodedReading;
import java.util.List;

/** The readings decoded from one received message, travelling together so the message is acknowledged once. */
record DecodedBatch(Ingest ingest, List<DecodedReading> readings) {
}
