package io.minewatch.gateway.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmJson;
import io.minewatch.gateway.history.SensorSeries;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/**
 * A replay as newline-delimited JSON, one object per line with a {@code type}, easy to read in a browser with
 * {@code fetch} and a stream reader split at newlines:
 * <pre>
 * {"type":"start","from":"..","to":"..","speed":"100x","sensors":[{"sensor":"..","kind":"ch4","unit":"%"}]}
 * {"type":"reading","sensor":"..","site":"..","time":"..","t":1763809200123,"value":0.42,"quality":"good"}
 * {"type":"alarm","t":1763809200123, ...the alarm event as on MQTT and /api/alarms...}
 * {"type":"end","readings":3600,"alarms":2}
 * </pre>
 * {@code t} is the epoch-ms time of the reading, for a chart's x axis.
 */
public final class NdjsonReplayOutput implements ReplayOutput {

    private final OutputStream out;
    private final ObjectMapper mapper;
    private final AlarmJson alarmJson;

    public NdjsonReplayOutput(OutputStream out, AlarmJson alarmJson) {
        this.out = out;
        this.alarmJson = alarmJson;
        this.mapper = alarmJson.mapper();
    }

    @Override
    public void start(ReplayRequest request) throws IOException {
        ObjectNode line = mapper.createObjectNode().put("type", "start")
                .put("from", Instant.ofEpochMilli(request.fromMillis()).toString())
                .put("to", Instant.ofEpochMilli(request.toMillis()).toString())
                .put("speed", request.speed().toString());
        ArrayNode sensors = line.putArray("sensors");
        for (SensorSeries series : request.sensors()) {
            sensors.addObject().put("sensor", series.sensor()).put("kind", series.kind().id())
                    .put("unit", series.kind().canonicalUnit().symbol());
        }
        write(line);
    }

    @Override
    public void reading(Reading reading) throws IOException {
        write(mapper.createObjectNode().put("type", "reading").put("sensor", reading.sensor())
                .put("site", reading.site())
                .put("time", Instant.ofEpochMilli(reading.timestampMillis()).toString())
                .put("t", reading.timestampMillis()).put("value", reading.value())
                .put("quality", reading.quality().id()));
    }

    @Override
    public void alarm(AlarmEvent event) throws IOException {
        ObjectNode line = mapper.createObjectNode().put("type", "alarm").put("t", event.readingTimestampMillis());
        line.setAll(alarmJson.toJson(event));
        write(line);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void end(long readings, long alarms) throws IOException {
        write(mapper.createObjectNode().put("type", "end").put("readings", readings).put("alarms", alarms));
    }

    private void write(ObjectNode line) throws IOException {
        out.write(mapper.writeValueAsBytes(line));
        out.write('\n');
    }
}
