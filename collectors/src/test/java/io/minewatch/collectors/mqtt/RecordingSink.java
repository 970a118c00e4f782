package io.minewatch.collectors.mqtt;

import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.IngestSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a collector hands over; completes each delivery at once, or never. */
final class RecordingSink implements IngestSink {

    private final boolean complete;
    final List<Ingest> received = new CopyOnWriteArrayList<>();

    private RecordingSink(boolean complete) {
        this.complete = complete;
    }

    static RecordingSink completing() {
        return new RecordingSink(true);
    }

    static RecordingSink neverCompleting() {
        return new RecordingSink(false);
    }

    @Override
    public void submit(Ingest ingest) {
        received.add(ingest);
        if (complete) {
            ingest.delivery().complete();
        }
    }

    List<String> payloads() {
        return received.stream().map(i -> new String(i.payload(), StandardCharsets.UTF_8)).toList();
    }
}
