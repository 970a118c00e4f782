package io.minewatch.gateway.pipeline;

import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.Reading;
import java.util.List;

/** The enriched readings of one received message. */
record ReadingBatch(Ingest ingest, List<Reading> readings) {
}
