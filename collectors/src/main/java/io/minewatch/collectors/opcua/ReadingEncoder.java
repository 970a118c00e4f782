package io.minewatch.collectors.opcua;

import io.minewatch.collectors.Delivery;
import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.Quality;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * Turns one OPC UA data change into what the gateway's pipeline takes: an {@link Ingest} whose payload is the default
 * JSON codec's reading object, so the OPC UA path goes through the same decoding, validation, unit conversion and
 * rules as MQTT.
 *
 * <ul>
 *   <li>{@code value}: a number, or a boolean as 1 or 0 (digital inputs); anything else is rejected;</li>
 *   <li>{@code ts}: the source timestamp, else the server timestamp, else (neither sent) the receive time;</li>
 *   <li>{@code quality}: Good, Uncertain or Bad from the status code's severity;</li>
 *   <li>{@code unit}: the mapping's unit, when the server does not report in the sensor's canonical unit.</li>
 * </ul>
 *
 * An Uncertain or Bad value without a value (servers often send none with Bad_CommunicationError) carries the last
 * value this node delivered, so that the fault still reaches the gateway; with no earlier value it is rejected.
 */
final class ReadingEncoder {

    /** What one data change became: exactly one of the two is set. */
    record Outcome(Ingest ingest, Rejection rejection) {
    }

    private final String collector;
    private final Map<String, Double> lastValues = new ConcurrentHashMap<>();

    ReadingEncoder(String collector) {
        this.collector = collector;
    }

    Outcome encode(MappedNode node, DataValue dataValue, long receivedAtMillis) {
        StatusCode status = dataValue.getStatusCode() == null ? StatusCode.GOOD : dataValue.getStatusCode();
        Quality quality = status.isBad() ? Quality.BAD : status.isUncertain() ? Quality.UNCERTAIN : Quality.GOOD;
        Variant variant = dataValue.getValue();
        Object raw = variant == null ? null : variant.getValue();
        double value;
        if (raw instanceof Float single) {
            // 12.618f widened is 12.618000030517578; the decimal the device meant is the float's shortest form.
            value = Double.parseDouble(Float.toString(single));
        } else if (raw instanceof Number number) {
            value = number.doubleValue();
        } else if (raw instanceof Boolean bool) {
            value = bool ? 1 : 0;
        } else if (raw == null && quality != Quality.GOOD && lastValues.containsKey(node.sensor())) {
            value = lastValues.get(node.sensor());
        } else if (raw == null) {
            return reject(node, RejectReason.MISSING_VALUE, "value : none with status " + statusName(status)
                    + (quality == Quality.GOOD ? " (expected: a number)"
                    : " (expected: a number; the node has sent no earlier value to carry the fault)"),
                    dataValue, receivedAtMillis);
        } else {
            return reject(node, RejectReason.NON_NUMERIC_VALUE, "value : " + raw.getClass().getSimpleName() + " "
                    + shortText(raw) + " (expected: a number or a boolean)", dataValue, receivedAtMillis);
        }
        if (raw != null && Double.isFinite(value)) {
            lastValues.put(node.sensor(), value);
        }
        StringBuilder json = new StringBuilder(96).append("{\"value\":").append(value);
        long timestamp = timestampOf(dataValue);
        if (timestamp != Long.MIN_VALUE) {
            json.append(",\"ts\":").append(timestamp);
        }
        if (quality != Quality.GOOD) {
            json.append(",\"quality\":\"").append(quality.id()).append('"');
        }
        if (node.unit() != null) {
            json.append(",\"unit\":\"").append(node.unit().symbol()).append('"');
        }
        json.append('}');
        return new Outcome(new Ingest(collector, node.address(), node.site(), node.sensor(),
                json.toString().getBytes(StandardCharsets.UTF_8), receivedAtMillis, Delivery.NONE), null);
    }

    /** Epoch milliseconds of the source timestamp, else the server's, else {@link Long#MIN_VALUE}. */
    static long timestampOf(DataValue value) {
        for (DateTime time : new DateTime[] {value.getSourceTime(), value.getServerTime()}) {
            if (time != null && !time.isNull() && time.getUtcTime() > 0) {
                return time.getJavaTime();
            }
        }
        return Long.MIN_VALUE;
    }

    static String statusName(StatusCode status) {
        return StatusCodes.lookup(status.getValue()).map(names -> names[0])
                .orElse(String.format("0x%08X", status.getValue()));
    }

    private Outcome reject(MappedNode node, RejectReason reason, String detail, DataValue value, long atMillis) {
        return new Outcome(null, new Rejection(reason, "sensor " + node.sensor() + " " + detail, collector,
                node.address(), String.valueOf(value), atMillis));
    }

    private static String shortText(Object raw) {
        String text = raw.getClass().isArray() ? "array" : String.valueOf(raw);
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
