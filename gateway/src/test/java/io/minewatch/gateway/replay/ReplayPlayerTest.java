package io.minewatch.gateway.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import io.minewatch.gateway.history.SensorSeries;
import io.minewatch.gateway.registry.SensorRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayPlayerTest {

    /** A clock only the sleeper moves: sleeping is advancing it. */
    private static final class ManualTime extends Clock implements Sleeper {
        long now = 5_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public void sleep(long millis) {
            sleeps.add(millis);
            now += millis;
        }

        @Override
        public long millis() {
            return now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Records what was written and when, by the manual clock. */
    private static final class Recording implements ReplayOutput {
        final ManualTime time;
        final List<long[]> readingsAt = new ArrayList<>();
        final List<AlarmEvent> alarms = new ArrayList<>();
        long[] ended;

        Recording(ManualTime time) {
            this.time = time;
        }

        @Override
        public void start(ReplayRequest request) {
        }

        @Override
        public void reading(Reading reading) {
            readingsAt.add(new long[] {reading.timestampMillis(), time.now});
        }

        @Override
        public void alarm(AlarmEvent event) {
            alarms.add(event);
        }

        @Override
        public void flush() {
        }

        @Override
        public void end(long readings, long alarmCount) {
            ended = new long[] {readings, alarmCount};
        }
    }

    private final List<Reading> hour = Incident.readings();
    private final SensorRegistry registry = new SensorRegistry(Incident.config());
    private final ReadingFeed feed = new ReadingFeed(new ListHistorySource(hour), id -> registry.sensor(id) != null);
    private final ReplayRequest request100x = new ReplayRequest(List.of(new SensorSeries(Incident.SENSOR, Kind.CH4)),
            Incident.T0, Incident.T0 + Incident.HOUR, new Speed(100));

    @Test
    void atOneHundredTimesAReadingIsWrittenWhenItsTimeHasComeAndAnHourTakesThirtySixSeconds() throws Exception {
        ManualTime time = new ManualTime();
        long start = time.now;
        Recording out = new Recording(time);
        new ReplayPlayer(feed, time, time).play(request100x, registry, out);

        assertThat(out.readingsAt).hasSize(3_600);
        for (long[] written : out.readingsAt) {
            long due = start + (written[0] - Incident.T0) / 100;
            assertThat(written[1]).as("reading of %d", written[0]).isBetween(due, due + ReplayPlayer.MIN_SLEEP_MILLIS);
        }
        assertThat(time.now - start).isBetween(35_980L, 36_000L);
        assertThat(time.sleeps).allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(ReplayPlayer.MIN_SLEEP_MILLIS));
    }

    @Test
    void atMaxSpeedItNeverWaits() throws Exception {
        ManualTime time = new ManualTime();
        Recording out = new Recording(time);
        new ReplayPlayer(feed, time, time).play(new ReplayRequest(request100x.sensors(), Incident.T0,
                Incident.T0 + Incident.HOUR, Speed.MAX), registry, out);
        assertThat(time.sleeps).isEmpty();
        assertThat(out.ended).containsExactly(3_600, 3);
    }

    /** Power cut restores below 1.0 % too: from red the alarm clears at once, with no de-escalation at 1.2 %. */
    @Test
    void emitsTheIncidentsTransitionsAtTheReadingsThatCausedThem() throws Exception {
        ManualTime time = new ManualTime();
        Recording out = new Recording(time);
        new ReplayPlayer(feed, time, time).play(request100x, registry, out);
        assertThat(out.alarms).extracting(AlarmEvent::transition).containsExactly(AlarmTransition.RAISED,
                AlarmTransition.ESCALATED, AlarmTransition.CLEARED);
        assertThat(out.alarms).extracting(AlarmEvent::readingTimestampMillis).containsExactly(
                Incident.T0 + 30 * 60_000L, Incident.T0 + 31 * 60_000L, Incident.T0 + 33 * 60_000L);
        assertThat(out.alarms.get(0).eventTimeMillis()).isEqualTo(Incident.T0 + 30 * 60_000L);
    }

    @Test
    void refusesASpeedBeyondAThousand() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Speed.parse("5000"))
                .hasMessage("speed : 5000.0 (expected: 1..1000, or max)");
        assertThat(Speed.parse("100x").factor()).isEqualTo(100);
    }
}
