package io.minewatch.gateway.whatif;

import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.history.SensorSeries;
import io.minewatch.gateway.replay.ReadingFeed;
import io.minewatch.gateway.replay.ReplayEvaluator;
import io.minewatch.gateway.rules.RuleBook;
import io.minewatch.gateway.storage.StoreUnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the same past readings through two fresh rule engines, one with the current rules and one with the proposed,
 * as fast as they can be read, and compares the alarms they raise.
 */
public final class WhatIf {

    private final ReadingFeed feed;

    public WhatIf(ReadingFeed feed) {
        this.feed = Objects.requireNonNull(feed, "feed");
    }

    public WhatIfReport compare(List<SensorSeries> sensors, long fromMillis, long toMillis, RuleBook current,
            RuleBook proposed) throws StoreUnavailableException, IOException {
        ReplayEvaluator now = new ReplayEvaluator(current, "current");
        ReplayEvaluator then = new ReplayEvaluator(proposed, "proposed");
        EpisodeCollector currentEpisodes = new EpisodeCollector();
        EpisodeCollector proposedEpisodes = new EpisodeCollector();
        long[] readings = {0};
        feed.forEach(sensors, fromMillis, toMillis, reading -> {
            readings[0]++;
            for (AlarmEvent event : now.evaluate(reading)) {
                currentEpisodes.accept(event);
            }
            for (AlarmEvent event : then.evaluate(reading)) {
                proposedEpisodes.accept(event);
            }
        });
        Map<String, List<AlarmEpisode>> a = currentEpisodes.finish();
        Map<String, List<AlarmEpisode>> b = proposedEpisodes.finish();
        List<SensorComparison> rows = new ArrayList<>();
        for (SensorSeries series : sensors) {
            if (!a.containsKey(series.sensor()) && !b.containsKey(series.sensor())) {
                continue;
            }
            List<AlarmEpisode> cur = a.getOrDefault(series.sensor(), List.of());
            List<AlarmEpisode> pro = b.getOrDefault(series.sensor(), List.of());
            rows.add(new SensorComparison(series.sensor(), series.kind().id(), cur, pro,
                    unmatched(pro, cur, toMillis), unmatched(cur, pro, toMillis), total(cur, toMillis),
                    total(pro, toMillis)));
        }
        return new WhatIfReport(fromMillis, toMillis, readings[0], rows);
    }

    private static List<AlarmEpisode> unmatched(List<AlarmEpisode> these, List<AlarmEpisode> others, long end) {
        return these.stream().filter(e -> others.stream().noneMatch(o -> o.overlaps(e, end))).toList();
    }

    private static long total(List<AlarmEpisode> episodes, long end) {
        return episodes.stream().mapToLong(e -> e.durationMillis(end)).sum();
    }
}
