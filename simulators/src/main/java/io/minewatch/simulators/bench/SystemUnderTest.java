package io.minewatch.simulators.bench;

import java.io.IOException;
import java.util.OptionalLong;

/** A system doing the job being measured, run as a process of its own: MQTT in, thresholds, InfluxDB out. */
interface SystemUnderTest extends AutoCloseable {

    String name();

    /** The InfluxDB database it writes to. */
    String database();

    /** Starts the process; returns once it is subscribed to the readings. */
    void start() throws IOException, InterruptedException;

    long pid();

    /** Heap in use, where the system reports it. */
    OptionalLong heapBytes();

    /** A few words on how it is set up, for the report. */
    String setup();

    /** After {@link #close()}: a Markdown section on where it spent its CPU, or empty when it cannot tell. */
    default String profile() {
        return "";
    }

    @Override
    void close() throws InterruptedException;
}
