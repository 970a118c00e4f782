package io.minewatch.collectors.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.collectors.CollectorHealth.State;
import io.minewatch.config.OpcUaCollectorConfig;
import io.minewatch.config.OpcUaCollectorConfig.NodeMapping;
import io.minewatch.config.OpcUaCollectorConfig.Security;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector's lifecycle where no server answers: a closed loopback port refuses at once. */
class OpcUaCollectorTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SubstationFixture.Recorder recorder = new SubstationFixture.Recorder();

    private OpcUaCollector collector() throws Exception {
        OpcUaCollectorConfig config = new OpcUaCollectorConfig("plc1",
                URI.create("opc.tcp://127.0.0.1:" + SubstationFixture.freePort() + "/absent"), Security.none(dir),
                List.of(new NodeMapping("ns=2;s=CM01-CH4-T1", "CM01-CH4-T1", null)), List.of(), null, null, null);
        return new OpcUaCollector(config, SubstationFixture.sensors(), rejection -> { }, registry,
                Clock.systemUTC());
    }

    @Test
    void keepsRetryingAnAbsentServerAndSaysWhy() throws Exception {
        try (OpcUaCollector collector = collector()) {
            assertThat(collector.health().state()).isEqualTo(State.STARTING);

            collector.start(recorder);

            assertThat(collector.health().state()).isEqualTo(State.RECONNECTING);
            assertThat(collector.health().detail()).contains("cannot connect to opc.tcp://127.0.0.1:",
                    "Connection refused", "(attempt 1, next in 500 ms)");
            await().atMost(Duration.ofSeconds(10)).until(() -> collector.health().detail().contains("(attempt 3,"));
            assertThat(registry.get(OpcUaCollector.CONNECTED_METER).gauge().value()).isZero();
            assertThat(recorder.ingests).isEmpty();
        }
    }

    @Test
    void stopsOnceForGoodAndCannotBeStartedAgain() throws Exception {
        OpcUaCollector collector = collector();
        collector.start(recorder);

        collector.stop();
        collector.stop();

        assertThat(collector.health().state()).isEqualTo(State.STOPPED);
        assertThat(registry.find(OpcUaCollector.CONNECTED_METER).gauge()).isNull();
        assertThatThrownBy(() -> collector.start(recorder)).isInstanceOf(IllegalStateException.class)
                .hasMessage("collector plc1 : stopped (expected: a new collector)");
    }

    @Test
    void refusesASecondStart() throws Exception {
        try (OpcUaCollector collector = collector()) {
            collector.start(recorder);

            assertThatThrownBy(() -> collector.start(recorder)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("collector plc1 : already started");
        }
    }
}
