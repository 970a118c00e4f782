package io.minewatch.gateway.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.collectors.Reading;
import io.minewatch.config.ProposedRulesLoader;
import io.minewatch.config.StorageConfig.InfluxDbConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.history.InfluxHistorySource;
import io.minewatch.gateway.history.SensorSeries;
import io.minewatch.gateway.registry.SensorRegistry;
import io.minewatch.gateway.rules.AlarmIds;
import io.minewatch.gateway.rules.RuleEngine;
import io.minewatch.gateway.storage.InfluxDbStore;
import io.minewatch.gateway.whatif.ProposedRuleBook;
import io.minewatch.gateway.whatif.WhatIf;
import io.minewatch.gateway.whatif.WhatIfReport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live run of {@link Incident}'s hour, stored in InfluxDB, replayed and tried with other thresholds. */
class ReplayInfluxIT {

    private final SensorRegistry registry = new SensorRegistry(Incident.config());
    private final List<AlarmEvent> live = new ArrayList<>();
    private InfluxDbConfig config;
    private InfluxDbStore store;

    @BeforeEach
    void runLiveAndStore() throws Exception {
        String url = System.getenv("MINEWATCH_IT_INFLUXDB");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("MINEWATCH_IT_INFLUXDB is not set: run through scripts/test");
        }
        config = new InfluxDbConfig(URI.create(url), "replay_it_" + System.nanoTime(), null, null, null, 0, null);
        store = new InfluxDbStore(config);
        store.start();
        RuleEngine engine = new RuleEngine(registry, Clock.systemUTC(), AlarmIds.timeOrdered(Clock.systemUTC()));
        List<Reading> readings = Incident.readings();
        for (Reading reading : readings) {
            engine.evaluate(reading, live);
        }
        store.write(readings, live);
    }

    @AfterEach
    void drop() {
        store.close();
    }

    @Test
    void replayAtOneHundredTimesGivesTheTransitionsOfTheLiveRun() throws Exception {
        List<AlarmEvent> replayed = new ArrayList<>();
        long[] slept = {0};
        Clock clock = Clock.systemUTC();
        long[] offset = {0};
        Clock paced = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return clock.instant().plusMillis(offset[0]);
            }
        };
        // Sleeping moves this clock instead of the thread: the pacing is real, the IT stays quick.
        Sleeper sleeper = millis -> {
            slept[0] += millis;
            offset[0] += millis;
        };
        long start = paced.millis();
        new ReplayPlayer(new ReadingFeed(new InfluxHistorySource(config, clock), id -> registry.sensor(id) != null),
                paced, sleeper).play(new ReplayRequest(List.of(new SensorSeries(Incident.SENSOR, Kind.CH4)),
                        Incident.T0, Incident.T0 + Incident.HOUR, new Speed(100)), registry,
                new ReplayOutput() {
                    @Override
                    public void start(ReplayRequest request) {
                    }

                    @Override
                    public void reading(Reading reading) {
                    }

                    @Override
                    public void alarm(AlarmEvent event) {
                        replayed.add(event);
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void end(long readings, long alarms) {
                    }
                });
        assertThat(live).hasSize(3);
        assertThat(replayed).extracting(AlarmEvent::transition, AlarmEvent::readingTimestampMillis, AlarmEvent::level,
                AlarmEvent::threshold, AlarmEvent::value)
                .containsExactlyElementsOf(live.stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.transition(),
                        e.readingTimestampMillis(), e.level(), e.threshold(), e.value())).toList());
        // The last reading is due 35.999 s after the start at 100x (real time spent plus the waits; a loaded
        // machine may run a little behind, never ahead).
        assertThat(paced.millis() - start).isBetween(35_990L, 41_000L);
        assertThat(slept[0]).isPositive();
    }

    @Test
    void whatIfWithTheAlarmAtPointEightReportsTheAdditionalAlarm() throws Exception {
        var cfg = Incident.config();
        WhatIfReport report = new WhatIf(new ReadingFeed(new InfluxHistorySource(config, Clock.systemUTC()),
                id -> registry.sensor(id) != null)).compare(List.of(new SensorSeries(Incident.SENSOR, Kind.CH4)),
                Incident.T0, Incident.T0 + Incident.HOUR, registry, new ProposedRuleBook(cfg,
                        ProposedRulesLoader.read(Incident.ALARM_AT_0_8, Path.of("w.yaml"), cfg.profiles().keySet())));
        assertThat(report.currentCount()).isEqualTo(1);
        assertThat(report.proposedCount()).isEqualTo(2);
        assertThat(report.sensors().get(0).added()).singleElement()
                .satisfies(e -> assertThat(e.raisedMillis()).isEqualTo(Incident.T0 + 600_000L));
        // The stored alarm history matches the live run too.
        assertThat(store.alarmEvents(Incident.SENSOR, Incident.T0, Incident.T0 + Incident.HOUR)).hasSize(3);
    }
}
