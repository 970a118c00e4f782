package io.minewatch.gateway.replay;

import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.rules.RuleBook;
import io.minewatch.gateway.storage.StoreUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;

/**
 * Plays a period back: the readings, in time order, through a {@link ReplayEvaluator} of its own, each written out
 * when its time comes at the asked speed, followed by the transitions it causes. Reading {@code t} is due
 * {@code (t - from) / speed} after the start, by the injected clock; the player flushes and sleeps only when the next
 * reading is at least {@link #MIN_SLEEP_MILLIS} ahead, so a fast replay of dense readings is not a storm of short
 * sleeps. At {@link Speed#MAX} it never sleeps: the reader's pace (a browser that stops reading when paused, a
 * terminal) is the pace.
 */
public final class ReplayPlayer {

    static final long MIN_SLEEP_MILLIS = 10;

    private final ReadingFeed feed;
    private final Clock clock;
    private final Sleeper sleeper;

    public ReplayPlayer(ReadingFeed feed, Clock clock, Sleeper sleeper) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public void play(ReplayRequest request, RuleBook rules, ReplayOutput out)
            throws StoreUnavailableException, IOException {
        ReplayEvaluator evaluator = new ReplayEvaluator(rules, "replay");
        long started = clock.millis();
        long[] counts = new long[2];
        out.start(request);
        feed.forEach(request.sensors(), request.fromMillis(), request.toMillis(), reading -> {
            if (!request.speed().isMax()) {
                long due = started + (long) ((reading.timestampMillis() - request.fromMillis())
                        / request.speed().factor());
                long ahead = due - clock.millis();
                if (ahead >= MIN_SLEEP_MILLIS) {
                    out.flush();
                    sleeper.sleep(ahead);
                }
            }
            out.reading(reading);
            counts[0]++;
            for (AlarmEvent event : evaluator.evaluate(reading)) {
                out.alarm(event);
                counts[1]++;
            }
        });
        out.end(counts[0], counts[1]);
        out.flush();
    }
}
