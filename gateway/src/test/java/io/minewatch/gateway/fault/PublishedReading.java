package io.minewatch.gateway.fault;

/** One reading as the test publisher sent it: unique by (sensor, timestamp). */
record PublishedReading(String sensor, long timestampMillis, double value) {
}
