package io.minewatch.gateway.whatif;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** A {@link WhatIfReport} as JSON (a summary and every alarm per sensor) or CSV (one row per alarm). */
public final class WhatIfWriter {

    private final ObjectMapper mapper;

    public WhatIfWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode json(WhatIfReport report) {
        ObjectNode root = mapper.createObjectNode()
                .put("from", Instant.ofEpochMilli(report.fromMillis()).toString())
                .put("to", Instant.ofEpochMilli(report.toMillis()).toString())
                .put("readings", report.readings());
        root.putObject("totals").put("current", report.currentCount()).put("proposed", report.proposedCount())
                .put("added", report.sensors().stream().mapToInt(s -> s.added().size()).sum())
                .put("removed", report.sensors().stream().mapToInt(s -> s.removed().size()).sum());
        ArrayNode sensors = root.putArray("sensors");
        for (SensorComparison s : report.sensors()) {
            ObjectNode node = sensors.addObject().put("sensor", s.sensor()).put("kind", s.kind());
            side(node.putObject("current"), s.current(), s.currentMillis(), report.toMillis());
            side(node.putObject("proposed"), s.proposed(), s.proposedMillis(), report.toMillis());
            episodes(node.putArray("added"), s.added(), report.toMillis());
            episodes(node.putArray("removed"), s.removed(), report.toMillis());
        }
        return root;
    }

    private void side(ObjectNode node, List<AlarmEpisode> episodes, long totalMillis, long end) {
        node.put("count", episodes.size()).put("duration_s", totalMillis / 1000.0);
        episodes(node.putArray("alarms"), episodes, end);
    }

    private static void episodes(ArrayNode array, List<AlarmEpisode> episodes, long end) {
        for (AlarmEpisode e : episodes) {
            ObjectNode node = array.addObject().put("alarm_id", e.alarmId()).put("rule", e.ruleId())
                    .put("raised", Instant.ofEpochMilli(e.raisedMillis()).toString());
            if (e.isOpen()) {
                node.putNull("cleared");
            } else {
                node.put("cleared", Instant.ofEpochMilli(e.clearedMillis()).toString());
            }
            node.put("duration_s", e.durationMillis(end) / 1000.0).put("peak_level", e.peakLevel().id())
                    .put("peak_level_name", e.peakLevelName()).put("peak_value", e.peakValue())
                    .put("threshold", e.threshold());
        }
    }

    public void writeJson(WhatIfReport report, OutputStream out) throws IOException {
        out.write(mapper.writeValueAsBytes(json(report)));
    }

    /** {@code sensor,rules,alarm_id,rule,raised,cleared,duration_s,peak_level,peak_value,threshold,change}. */
    public void writeCsv(WhatIfReport report, OutputStream stream) throws IOException {
        Writer out = new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8);
        out.write("sensor,rules,alarm_id,rule,raised,cleared,duration_s,peak_level,peak_value,threshold,change\n");
        for (SensorComparison s : report.sensors()) {
            rows(out, s.sensor(), "current", s.current(), s.removed(), "removed", report.toMillis());
            rows(out, s.sensor(), "proposed", s.proposed(), s.added(), "added", report.toMillis());
        }
        out.flush();
    }

    private static void rows(Writer out, String sensor, String side, List<AlarmEpisode> episodes,
            List<AlarmEpisode> changed, String change, long end) throws IOException {
        for (AlarmEpisode e : episodes) {
            out.write(String.join(",", sensor, side, e.alarmId(), e.ruleId(),
                    Instant.ofEpochMilli(e.raisedMillis()).toString(),
                    e.isOpen() ? "" : Instant.ofEpochMilli(e.clearedMillis()).toString(),
                    Double.toString(e.durationMillis(end) / 1000.0), e.peakLevel().id(),
                    Double.toString(e.peakValue()), Double.toString(e.threshold()),
                    changed.contains(e) ? change : ""));
            out.write('\n');
        }
    }
}
