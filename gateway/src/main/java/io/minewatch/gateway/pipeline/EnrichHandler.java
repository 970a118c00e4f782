package io.minewatch.gateway.pipeline;

import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.Reading;
import io.minewatch.collectors.codec.DecodedReading;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.RejectSink;
import io.minewatch.collectors.reject.Rejection;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.quantity.Unit;
import io.minewatch.config.sites.SensorConfig;
import io.minewatch.gateway.registry.SensorRegistry;
import io.netty.channel.ChannelHandler.Sharable;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks each reading's sensor up in the registry, settles its kind, and converts its value to the kind's canonical
 * unit. A sensor that is not registered is accepted under its kind's default profile when the payload names a kind.
 * The source's quality (an OPC UA status code, a payload's {@code quality}) is carried to the reading unchanged.
 */
@Sharable
final class EnrichHandler extends Stage<DecodedBatch> {

    private final SensorRegistry registry;

    EnrichHandler(SensorRegistry registry, RejectSink rejects) {
        super(DecodedBatch.class, rejects);
        this.registry = registry;
    }

    @Override
    protected Ingest ingestOf(DecodedBatch batch) {
        return batch.ingest();
    }

    @Override
    protected void process(DecodedBatch batch, List<Object> out) {
        Ingest ingest = batch.ingest();
        List<DecodedReading> decoded = batch.readings();
        List<Reading> readings = new ArrayList<>(decoded.size());
        for (int i = 0; i < decoded.size(); i++) {
            Reading reading = enrich(ingest, decoded.get(i));
            if (reading != null) {
                readings.add(reading);
            }
        }
        if (readings.isEmpty()) {
            ingest.delivery().complete();
        } else {
            out.add(new ReadingBatch(ingest, readings));
        }
    }

    private Reading enrich(Ingest ingest, DecodedReading decoded) {
        SensorConfig sensor = registry.sensor(decoded.sensor());
        Kind kind;
        if (sensor != null) {
            if (!sensor.site().equals(decoded.site())) {
                return reject(ingest, decoded, RejectReason.SITE_MISMATCH, "site : " + decoded.site()
                        + " (expected: " + sensor.site() + ", where sensor " + sensor.id() + " is registered)");
            }
            if (decoded.kind() != null && decoded.kind() != sensor.kind()) {
                return reject(ingest, decoded, RejectReason.KIND_MISMATCH, "kind : " + decoded.kind().id()
                        + " (expected: " + sensor.kind().id() + ", the registered kind of " + sensor.id() + ")");
            }
            kind = sensor.kind();
        } else if (decoded.kind() != null) {
            kind = decoded.kind();
        } else {
            return reject(ingest, decoded, RejectReason.UNREGISTERED_WITHOUT_KIND, "sensor : " + decoded.sensor()
                    + " (expected: a registered sensor, or a payload naming its kind)");
        }
        Unit canonical = kind.canonicalUnit();
        Unit unit = decoded.unit() == null ? canonical : decoded.unit();
        if (!unit.convertibleTo(canonical)) {
            return reject(ingest, decoded, RejectReason.BAD_UNIT, "unit : " + unit.symbol()
                    + " (expected: a unit convertible to " + canonical.symbol() + " for " + kind.id() + ")");
        }
        double value = unit.convert(decoded.value(), canonical);
        return new Reading(decoded.site(), decoded.sensor(), kind, value, decoded.timestampMillis(),
                decoded.quality(), sensor != null, decoded.receivedAtMillis());
    }

    private Reading reject(Ingest ingest, DecodedReading decoded, RejectReason reason, String detail) {
        rejects().reject(new Rejection(reason, detail, ingest.source(), ingest.topic(),
                "{\"sensor\":\"" + decoded.sensor() + "\",\"value\":" + decoded.value() + "}",
                ingest.receivedAtMillis()));
        return null;
    }
}
