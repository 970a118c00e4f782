package io.minewatch.gateway.alarms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/** The body of {@code GET /api/alarms?state=active}: every standing alarm, as {@link AlarmJson#toJson(StandingAlarm)}. */
public final class StandingAlarmsJson {

    private StandingAlarmsJson() {
    }

    public static ArrayNode of(List<StandingAlarm> alarms, AlarmJson json, ObjectMapper mapper) {
        ArrayNode array = mapper.createArrayNode();
        for (StandingAlarm alarm : alarms) {
            array.add(json.toJson(alarm));
        }
        return array;
    }
}
