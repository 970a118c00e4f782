package io.minewatch.gateway.whatif;

import io.minewatch.gateway.alarms.AlarmEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Folds a rule set's alarm transitions into {@link AlarmEpisode}s, per sensor in the order they were raised. */
final class EpisodeCollector {

    private final Map<String, AlarmEpisode> open = new HashMap<>();
    private final Map<String, List<AlarmEpisode>> bySensor = new HashMap<>();

    void accept(AlarmEvent event) {
        switch (event.transition()) {
            case RAISED -> open.put(event.alarmId(), new AlarmEpisode(event.sensor(), event.ruleId(), event.alarmId(),
                    event.readingTimestampMillis(), -1, event.level(), event.levelName(), event.value(),
                    event.threshold()));
            case ESCALATED -> open.computeIfPresent(event.alarmId(), (id, e) -> new AlarmEpisode(e.sensor(),
                    e.ruleId(), id, e.raisedMillis(), -1, event.level(), event.levelName(), event.value(),
                    event.threshold()));
            case CLEARED -> {
                AlarmEpisode e = open.remove(event.alarmId());
                if (e != null) {
                    add(new AlarmEpisode(e.sensor(), e.ruleId(), e.alarmId(), e.raisedMillis(),
                            event.readingTimestampMillis(), e.peakLevel(), e.peakLevelName(), e.peakValue(),
                            e.threshold()));
                }
            }
            default -> { }
        }
    }

    /** Every episode, those still open at the end included, by sensor. */
    Map<String, List<AlarmEpisode>> finish() {
        open.values().forEach(this::add);
        open.clear();
        bySensor.values().forEach(list -> list.sort(java.util.Comparator.comparingLong(AlarmEpisode::raisedMillis)));
        return bySensor;
    }

    private void add(AlarmEpisode episode) {
        bySensor.computeIfAbsent(episode.sensor(), s -> new ArrayList<>()).add(episode);
    }
}
