package io.minewatch.gateway.replay;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.rules.AlarmIds;
import io.minewatch.gateway.rules.RuleBook;
import io.minewatch.gateway.rules.RuleEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rule engine of its own for a replay or what-if: it starts with no alarm active and shares nothing with the live
 * engines, their alarm state, the alarm outputs or the uplink; its events go only to whoever asked. Its clock is the
 * replayed readings' time, so an event's {@code event_time} is when the live gateway would have decided it.
 */
public final class ReplayEvaluator {

    private final RuleEngine engine;
    private final ReadingTimeClock clock = new ReadingTimeClock();
    private final List<AlarmEvent> out = new ArrayList<>();

    public ReplayEvaluator(RuleBook rules, String idPrefix) {
        AtomicLong sequence = new AtomicLong();
        AlarmIds ids = () -> idPrefix + "-" + sequence.incrementAndGet();
        this.engine = new RuleEngine(rules, clock, ids);
    }

    /** The transitions {@code reading} causes, in order (an empty list, reused, when none). */
    public List<AlarmEvent> evaluate(Reading reading) {
        out.clear();
        clock.now = reading.timestampMillis();
        engine.evaluate(reading, out);
        return out;
    }

    private static final class ReadingTimeClock extends Clock {
        long now;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }
}
