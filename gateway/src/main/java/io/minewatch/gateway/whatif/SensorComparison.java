package io.minewatch.gateway.whatif;

import java.util.List;

/**
 * One sensor under both rule sets. {@code added} are the proposed alarms during which the current rules raised none
 * (new alarms); {@code removed} the current ones the proposed rules would not have raised.
 */
public record SensorComparison(String sensor, String kind, List<AlarmEpisode> current, List<AlarmEpisode> proposed,
        List<AlarmEpisode> added, List<AlarmEpisode> removed, long currentMillis, long proposedMillis) {
}
