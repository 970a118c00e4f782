package io.minewatch.gateway.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.config.ProposedRulesLoader;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Level;
import io.minewatch.gateway.history.HistorySource;
import io.minewatch.gateway.history.SensorSeries;
import io.minewatch.gateway.registry.SensorRegistry;
import io.minewatch.gateway.replay.Incident;
import io.minewatch.gateway.replay.ReadingFeed;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhatIfTest {

    @Test
    void anAlarmThresholdOfPointEightAddsTheAlarmOfTheBumpBelowOnePercent() throws Exception {
        var config = Incident.config();
        SensorRegistry registry = new SensorRegistry(config);
        HistorySource source = new io.minewatch.gateway.history.StoreHistorySource(
                new ListStore(Incident.readings()), java.time.Duration.ofMinutes(10));
        WhatIfReport report = new WhatIf(new ReadingFeed(source, id -> registry.sensor(id) != null)).compare(
                List.of(new SensorSeries(Incident.SENSOR, Kind.CH4)), Incident.T0, Incident.T0 + Incident.HOUR,
                registry, new ProposedRuleBook(config, ProposedRulesLoader.read(Incident.ALARM_AT_0_8,
                        Path.of("whatif.yaml"), config.profiles().keySet())));

        assertThat(report.readings()).isEqualTo(3_600);
        SensorComparison ch4 = report.sensors().get(0);
        assertThat(ch4.current()).hasSize(1);
        assertThat(ch4.proposed()).hasSize(2);
        assertThat(ch4.removed()).isEmpty();
        assertThat(ch4.added()).singleElement().satisfies(added -> {
            assertThat(added.raisedMillis()).isEqualTo(Incident.T0 + 10 * 60_000L);
            assertThat(added.clearedMillis()).isEqualTo(Incident.T0 + 12 * 60_000L);
            assertThat(added.peakLevel()).isEqualTo(Level.ORANGE);
            assertThat(added.peakValue()).isEqualTo(0.9);
        });
        assertThat(ch4.current().get(0).peakLevel()).isEqualTo(Level.RED);
        assertThat(ch4.currentMillis()).isEqualTo(3 * 60_000L);
        assertThat(ch4.proposedMillis()).isEqualTo(5 * 60_000L);

        String csv = new java.io.ByteArrayOutputStream() {
            {
                new WhatIfWriter(new com.fasterxml.jackson.databind.ObjectMapper()).writeCsv(report, this);
            }
        }.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv.lines()).hasSize(4).anySatisfy(line -> assertThat(line)
                .startsWith("CM01-CH4-T1,proposed,proposed-1,ch4,2025-11-22T10:10:00Z,2025-11-22T10:12:00Z,120.0,orange,0.9")
                .endsWith(",added"));
    }
}
