package io.minewatch.collectors.opcua;

import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.IngestSink;
import io.minewatch.collectors.codec.DecodedReading;
import io.minewatch.collectors.codec.JsonReadingCodec;
import io.minewatch.collectors.reject.Rejection;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.sites.SensorConfig;
import io.minewatch.simulators.fleet.Fleet;
import io.minewatch.simulators.fleet.SimulatedSensor;
import io.minewatch.simulators.opcua.OpcUaSubstation;
import io.minewatch.simulators.opcua.SubstationSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A substation on a free loopback port with two sites' sensors, and a sink that decodes what a collector hands in. */
final class SubstationFixture {

    static final String SITES = """
            sites:
              - id: CM01
                type: coal_mine
                sensors:
                  - { id: CM01-CH4-T1, kind: ch4, profile: coal_ch4_working_face }
                  - { id: CM01-CO-01, kind: co }
              - id: TP01
                type: tailings_pond
                sensors:
                  - { id: TP01-WL-01, kind: water_level }
                  - { id: TP01-GNSS-02, kind: displacement }
            """;

    static Map<String, SensorConfig> sensors() {
        return ConfigLoader.load(SITES, Path.of("it.yaml")).sensorsById();
    }

    /** CM01-CH4-T1 0.42 %, CM01-CO-01 7 ppm, TP01-WL-01 12.5 m, TP01-GNSS-02 0.0123 m (in metres, not mm). */
    static Fleet fleet() {
        return new Fleet(List.of(
                SimulatedSensor.canonical("CM01", "CM01-CH4-T1", Kind.CH4, 2, t -> 0.42),
                SimulatedSensor.canonical("CM01", "CM01-CO-01", Kind.CO, 0, t -> 7),
                SimulatedSensor.canonical("TP01", "TP01-WL-01", Kind.WATER_LEVEL, 3, t -> 12.5),
                new SimulatedSensor("TP01", "TP01-GNSS-02", Kind.DISPLACEMENT,
                        io.minewatch.config.quantity.Unit.METRE, 4, t -> 12.3)));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static SubstationSettings settings(Path dir) throws IOException {
        return SubstationSettings.local(freePort(), dir.resolve("substation"))
                .withUpdatePeriod(java.time.Duration.ofMillis(200));
    }

    /** Puts the server's certificate into the collector's trust list. */
    static void trustServer(OpcUaSubstation substation, Path collectorPki) throws IOException,
            CertificateEncodingException {
        Files.createDirectories(collectorPki.resolve("trusted"));
        Files.write(collectorPki.resolve("trusted").resolve("substation.der"), substation.certificate().getEncoded());
    }

    /** Creates the collector's client certificate now and puts it into the substation's trust list. */
    static void trustClient(OpcUaSubstation substation, Path collectorPki) throws IOException,
            GeneralSecurityException {
        ClientCertificate client = ClientCertificate.loadOrCreate(collectorPki);
        Files.createDirectories(substation.trustedClientCertificates());
        Files.copy(client.derFile(), substation.trustedClientCertificates().resolve("minewatch.der"));
    }

    /** Keeps every ingest, decoded with the gateway's own codec, and every rejection. */
    static final class Recorder implements IngestSink {

        final List<Ingest> ingests = new CopyOnWriteArrayList<>();
        final List<DecodedReading> readings = new CopyOnWriteArrayList<>();
        final List<Rejection> rejections = new CopyOnWriteArrayList<>();
        private final JsonReadingCodec codec = new JsonReadingCodec(4096);

        @Override
        public void submit(Ingest ingest) {
            ingests.add(ingest);
            List<DecodedReading> decoded = new ArrayList<>();
            codec.decode(ingest, decoded, rejections);
            readings.addAll(decoded);
        }

        List<DecodedReading> of(String sensor) {
            return readings.stream().filter(r -> r.sensor().equals(sensor)).toList();
        }

        List<DecodedReading> receivedAfter(long millis) {
            return readings.stream().filter(r -> r.receivedAtMillis() > millis).toList();
        }
    }

    private SubstationFixture() {
    }
}
