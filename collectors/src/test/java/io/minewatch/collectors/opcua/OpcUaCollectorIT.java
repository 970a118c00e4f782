package io.minewatch.collectors.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.collectors.CollectorHealth.State;
import io.minewatch.collectors.Quality;
import io.minewatch.collectors.codec.DecodedReading;
import io.minewatch.collectors.opcua.SubstationFixture.Recorder;
import io.minewatch.collectors.reject.RejectReason;
import io.minewatch.collectors.reject.Rejection;
import io.minewatch.config.OpcUaCollectorConfig;
import io.minewatch.config.OpcUaCollectorConfig.BrowseMapping;
import io.minewatch.config.OpcUaCollectorConfig.NodeMapping;
import io.minewatch.config.OpcUaCollectorConfig.Security;
import io.minewatch.config.OpcUaCollectorConfig.SecurityMode;
import io.minewatch.config.OpcUaCollectorConfig.SecurityPolicy;
import io.minewatch.config.quantity.Unit;
import io.minewatch.simulators.opcua.OpcUaSubstation;
import io.minewatch.simulators.opcua.PointStatus;
import io.minewatch.simulators.opcua.SubstationSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OPC UA collector against the in-process Milo substation simulator, over real TCP on loopback. */
class OpcUaCollectorIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The substation's clock runs ten minutes behind, so a source timestamp cannot pass for a receive time. */
    private static final Duration SOURCE_CLOCK_OFFSET = Duration.ofMinutes(-10);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Rejection> rejections = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> cleanups = new ArrayList<>();
    private final Recorder recorder = new Recorder();

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            cleanups.get(i).close();
        }
        scheduler.shutdownNow();
    }

    private OpcUaSubstation substation(SubstationSettings settings) throws Exception {
        OpcUaSubstation substation = new OpcUaSubstation(settings, SubstationFixture.fleet(), scheduler,
                Clock.offset(Clock.systemUTC(), SOURCE_CLOCK_OFFSET));
        cleanups.add(substation);
        substation.start();
        return substation;
    }

    private OpcUaCollectorConfig config(String endpoint, Security security) {
        return new OpcUaCollectorConfig("plc1", URI.create(endpoint), security,
                List.of(new NodeMapping("nsu=urn:minewatch:substation;s=CM01-CH4-T1", "CM01-CH4-T1", null),
                        new NodeMapping("ns=2;s=TP01-GNSS-02", "TP01-GNSS-02", Unit.METRE)),
                List.of(new BrowseMapping("ns=2;s=Substation", "(CM01-CO|TP01-WL)-.*", null, null, 0)),
                null, null, null);
    }

    private OpcUaCollector start(OpcUaCollectorConfig config) {
        OpcUaCollector collector = new OpcUaCollector(config, SubstationFixture.sensors(), rejections::add, registry,
                Clock.systemUTC());
        cleanups.add(collector);
        collector.start(recorder);
        return collector;
    }

    private Path pki() {
        return dir.resolve("gateway-pki");
    }

    private Security signAndEncrypt(boolean trustOnFirstUse) {
        return new Security(SecurityPolicy.BASIC256SHA256, SecurityMode.SIGN_AND_ENCRYPT, null, null, pki(),
                trustOnFirstUse);
    }

    private double connectedGauge() {
        return registry.get(OpcUaCollector.CONNECTED_METER).tag("collector", "plc1").gauge().value();
    }

    @Test
    void deliversValuesAsReadingsStampedWithTheSourceTimestamp() throws Exception {
        OpcUaSubstation substation = substation(SubstationFixture.settings(dir));
        OpcUaCollector collector = start(config(substation.endpointUrl(), Security.none(pki())));

        await().atMost(TIMEOUT).until(() -> Stream.of("CM01-CH4-T1", "CM01-CO-01", "TP01-WL-01", "TP01-GNSS-02")
                .allMatch(sensor -> !recorder.of(sensor).isEmpty()));

        assertThat(collector.health().state()).isEqualTo(State.CONNECTED);
        assertThat(collector.health().detail()).startsWith("monitoring 4 variables at " + substation.endpointUrl());
        assertThat(connectedGauge()).isEqualTo(1.0);
        DecodedReading ch4 = recorder.of("CM01-CH4-T1").get(0);
        assertThat(ch4.site()).isEqualTo("CM01");
        assertThat(ch4.value()).isEqualTo(0.42);
        assertThat(ch4.quality()).isEqualTo(Quality.GOOD);
        // Stamped by the server ten minutes behind the receive time: the source timestamp, not the arrival.
        assertThat(ch4.receivedAtMillis() - ch4.timestampMillis())
                .isBetween(-SOURCE_CLOCK_OFFSET.toMillis() - 5_000, -SOURCE_CLOCK_OFFSET.toMillis() + 5_000);
        DecodedReading gnss = recorder.of("TP01-GNSS-02").get(0);
        assertThat(gnss.site()).isEqualTo("TP01");
        assertThat(gnss.value()).isEqualTo(0.0123);
        assertThat(gnss.unit()).isEqualTo(Unit.METRE);
        assertThat(recorder.ingests).allSatisfy(ingest -> assertThat(ingest.source()).isEqualTo("plc1"));
        assertThat(recorder.ingests).filteredOn(i -> i.sensor().equals("TP01-WL-01")).first()
                .satisfies(ingest -> assertThat(ingest.topic()).isEqualTo("ns=2;s=TP01-WL-01"));
        assertThat(rejections).isEmpty();
        assertThat(recorder.rejections).isEmpty();
    }

    @Test
    void carriesUncertainAndBadStatusAsTheReadingsQuality() throws Exception {
        OpcUaSubstation substation = substation(SubstationFixture.settings(dir));
        start(config(substation.endpointUrl(), Security.none(pki())));
        await().atMost(TIMEOUT).until(() -> !recorder.of("TP01-WL-01").isEmpty());

        substation.setStatus("CM01-CH4-T1", PointStatus.UNCERTAIN);
        substation.setStatus("CM01-CO-01", PointStatus.BAD);
        substation.setStatus("TP01-WL-01", PointStatus.BAD_WITHOUT_VALUE);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(recorder.of("CM01-CH4-T1")).extracting(DecodedReading::quality).contains(Quality.UNCERTAIN);
            assertThat(recorder.of("CM01-CO-01")).extracting(DecodedReading::quality).contains(Quality.BAD);
            assertThat(recorder.of("TP01-WL-01")).extracting(DecodedReading::quality).contains(Quality.BAD);
        });
        // A Bad status without a value still reaches the gateway, with the last value the node sent.
        assertThat(recorder.of("TP01-WL-01")).filteredOn(r -> r.quality() == Quality.BAD)
                .allSatisfy(r -> assertThat(r.value()).isEqualTo(12.5));
        assertThat(recorder.of("CM01-CO-01")).filteredOn(r -> r.quality() == Quality.BAD)
                .allSatisfy(r -> assertThat(r.value()).isEqualTo(7.0));
        assertThat(rejections).isEmpty();
    }

    @Test
    void signsAndEncryptsWhenEachSideTrustsTheOthersCertificate() throws Exception {
        OpcUaSubstation substation = substation(SubstationFixture.settings(dir));
        SubstationFixture.trustServer(substation, pki());
        SubstationFixture.trustClient(substation, pki());

        OpcUaCollector collector = start(config(substation.endpointUrl(), signAndEncrypt(false)));

        await().atMost(TIMEOUT).until(() -> !recorder.of("CM01-CH4-T1").isEmpty());
        assertThat(collector.health().state()).isEqualTo(State.CONNECTED);
        assertThat(pki().resolve("client").resolve(ClientCertificate.KEY_STORE)).exists();
        assertThat(pki().resolve("rejected")).doesNotExist();
    }

    @Test
    void refusesAnUnknownServerCertificateSaysHowToTrustItAndConnectsOnceItIsTrusted() throws Exception {
        OpcUaSubstation substation = substation(SubstationFixture.settings(dir));
        SubstationFixture.trustClient(substation, pki());

        OpcUaCollector collector = start(config(substation.endpointUrl(), signAndEncrypt(false)));

        await().atMost(TIMEOUT).until(() -> collector.health().state() == State.RECONNECTING);
        assertThat(collector.health().detail()).contains("not trusted", "mv '" + pki().resolve("rejected"));
        assertThat(recorder.readings).isEmpty();
        assertThat(connectedGauge()).isEqualTo(0.0);
        Path rejected;
        try (Stream<Path> files = Files.list(pki().resolve("rejected"))) {
            rejected = files.filter(f -> f.getFileName().toString().startsWith("plc1-")).findFirst().orElseThrow();
        }
        assertThat(Files.readAllBytes(rejected)).isEqualTo(substation.certificate().getEncoded());

        // What the log tells the engineer to do, done while the gateway runs:
        Files.move(rejected, pki().resolve("trusted").resolve(rejected.getFileName()));

        await().atMost(TIMEOUT).until(() -> collector.health().state() == State.CONNECTED);
        await().atMost(TIMEOUT).until(() -> !recorder.of("CM01-CH4-T1").isEmpty());
    }

    @Test
    void isRefusedByAServerThatDoesNotTrustItsCertificate() throws Exception {
        OpcUaSubstation substation = substation(SubstationFixture.settings(dir));
        SubstationFixture.trustServer(substation, pki());

        OpcUaCollector collector = start(config(substation.endpointUrl(), signAndEncrypt(false)));

        await().atMost(TIMEOUT).until(() -> collector.health().state() == State.RECONNECTING);
        assertThat(collector.health().detail()).contains("Bad_SecurityChecksFailed",
                "does the server trust the gateway's certificate " + pki().resolve("client")
                        .resolve(ClientCertificate.CERTIFICATE));
        await().atMost(TIMEOUT).until(() -> {
            try (Stream<Path> files = Files.list(substation.rejectedClientCertificates())) {
                return files.findAny().isPresent();
            }
        });
        assertThat(recorder.readings).isEmpty();
    }

    @Test
    void trustsTheFirstServerCertificateWhenToldToAndPinsIt() throws Exception {
        OpcUaSubstation substation = substation(SubstationFixture.settings(dir));
        SubstationFixture.trustClient(substation, pki());

        start(config(substation.endpointUrl(), signAndEncrypt(true)));

        await().atMost(TIMEOUT).until(() -> !recorder.of("CM01-CH4-T1").isEmpty());
        try (Stream<Path> files = Files.list(pki().resolve("trusted"))) {
            assertThat(files.map(f -> f.getFileName().toString())).singleElement()
                    .satisfies(name -> assertThat(name).startsWith("plc1-").endsWith(".der"));
        }
    }

    @Test
    void logsInWithUserNameAndPasswordAndIsRefusedWithAWrongOne() throws Exception {
        OpcUaSubstation substation = substation(SubstationFixture.settings(dir)
                .withUsers(Map.of("gateway", "s3cret")));
        // The password travels encrypted with the server's key, which must therefore be trusted, even on None.
        SubstationFixture.trustServer(substation, pki());
        OpcUaCollector wrong = start(config(substation.endpointUrl(),
                new Security(SecurityPolicy.NONE, SecurityMode.NONE, "gateway", "guess", pki(), false)));
        await().atMost(TIMEOUT).until(() -> wrong.health().state() == State.RECONNECTING);
        assertThat(wrong.health().detail()).contains("Bad_UserAccessDenied");
        wrong.stop();

        OpcUaCollector right = start(config(substation.endpointUrl(),
                new Security(SecurityPolicy.NONE, SecurityMode.NONE, "gateway", "s3cret", pki(), false)));

        await().atMost(TIMEOUT).until(() -> !recorder.of("CM01-CH4-T1").isEmpty());
        assertThat(right.health().state()).isEqualTo(State.CONNECTED);
    }

    @Test
    void resumesWithinFiveSecondsOfTheServersReturnAfterTenSecondsDown() throws Exception {
        OpcUaSubstation substation = substation(SubstationFixture.settings(dir));
        OpcUaCollector collector = start(config(substation.endpointUrl(), Security.none(pki())));
        await().atMost(TIMEOUT).until(() -> !recorder.of("CM01-CH4-T1").isEmpty());

        substation.stop();
        long down = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(5)).until(() -> collector.health().state() == State.RECONNECTING);
        assertThat(connectedGauge()).isEqualTo(0.0);
        // Ten seconds of outage, watched rather than slept through: the collector stays down all along.
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12))
                .until(() -> collector.health().state() == State.RECONNECTING);
        assertThat(collector.health().detail()).contains("cannot connect to " + substation.endpointUrl());

        substation.start();
        long back = System.currentTimeMillis();

        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.receivedAfter(back).stream()
                .anyMatch(r -> r.sensor().equals("CM01-CH4-T1")));
        assertThat(collector.health().state()).isEqualTo(State.CONNECTED);
        assertThat(connectedGauge()).isEqualTo(1.0);
        assertThat(registry.get(OpcUaCollector.RECONNECTS_METER).counter().count()).isEqualTo(1.0);
        assertThat(recorder.readings).noneMatch(r -> r.receivedAtMillis() > down + 1_000
                && r.receivedAtMillis() < back);
        // Every mapped variable is monitored again, the browsed ones included.
        await().atMost(Duration.ofSeconds(5)).until(() -> Stream.of("CM01-CO-01", "TP01-WL-01", "TP01-GNSS-02")
                .allMatch(sensor -> recorder.receivedAfter(back).stream().anyMatch(r -> r.sensor().equals(sensor))));
    }

    @Test
    void reportsNodesTheServerDoesNotHaveAndMonitorsTheRest() throws Exception {
        OpcUaSubstation substation = substation(SubstationFixture.settings(dir));
        OpcUaCollector collector = start(new OpcUaCollectorConfig("plc1", URI.create(substation.endpointUrl()),
                Security.none(pki()), List.of(new NodeMapping("ns=2;s=CM01-CH4-T1", "CM01-CH4-T1", null),
                        new NodeMapping("ns=2;s=NO-SUCH-POINT", "CM01-CO-01", null)),
                List.of(new BrowseMapping("ns=2;s=NoSuchFolder", ".*", null, null, 0)), null, null, null));

        await().atMost(TIMEOUT).until(() -> !recorder.of("CM01-CH4-T1").isEmpty());

        assertThat(collector.health().state()).isEqualTo(State.CONNECTED);
        assertThat(collector.health().detail()).startsWith("monitoring 1 variables")
                .contains("ns=2;s=NO-SUCH-POINT (CM01-CO-01): Bad_NodeIdUnknown", "not mapped: 1");
    }

    @Test
    void rejectsAValueThatIsNotANumber() throws Exception {
        OpcUaSubstation substation = substation(SubstationFixture.settings(dir));
        // The server's status variable is a structure, not a number: mapped by mistake, rejected with a reason.
        start(new OpcUaCollectorConfig("plc1", URI.create(substation.endpointUrl()), Security.none(pki()),
                List.of(new NodeMapping("i=2256", "CM01-CO-01", null)), List.of(), null, null, null));

        await().atMost(TIMEOUT).until(() -> !rejections.isEmpty());
        assertThat(rejections.get(0).reason()).isEqualTo(RejectReason.NON_NUMERIC_VALUE);
        assertThat(rejections.get(0).topic()).isEqualTo("ns=0;i=2256");
        assertThat(rejections.get(0).source()).isEqualTo("plc1");
        assertThat(recorder.ingests).isEmpty();
    }
}
