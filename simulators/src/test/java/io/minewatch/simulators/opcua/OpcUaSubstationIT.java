package io.minewatch.simulators.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.minewatch.config.quantity.Kind;
import io.minewatch.simulators.fleet.Fleet;
import io.minewatch.simulators.fleet.SimulatedSensor;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.client.DiscoveryClient;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseDirection;
import org.eclipse.milo.opcua.stack.core.types.enumerated.BrowseResultMask;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.BrowseDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The substation read by a plain Milo client over loopback, as any OPC UA client would see it. */
class OpcUaSubstationIT {

    private static final Instant NOW = Instant.parse("2025-11-22T10:00:00Z");

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Fleet fleet = new Fleet(List.of(
            SimulatedSensor.canonical("CM01", "CM01-CH4-T1", Kind.CH4, 2, t -> 0.31),
            SimulatedSensor.canonical("CM01", "CM01-CO-01", Kind.CO, 0, t -> 6),
            SimulatedSensor.canonical("TP01", "TP01-WL-01", Kind.WATER_LEVEL, 3, t -> 12.5)));
    private OpcUaSubstation substation;
    private OpcUaClient client;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        substation = new OpcUaSubstation(SubstationSettings.local(port, dir), fleet, scheduler,
                Clock.fixed(NOW, ZoneOffset.UTC));
        substation.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.disconnect();
        }
        substation.close();
        scheduler.shutdownNow();
    }

    private OpcUaClient connect() throws Exception {
        client = OpcUaClient.create(substation.endpointUrl(),
                endpoints -> endpoints.stream().filter(e -> e.getSecurityPolicyUri()
                        .equals(SecurityPolicy.None.getUri())).findFirst(),
                builder -> builder.setRequestTimeout(uint(5000)).build());
        client.connect().get(10, TimeUnit.SECONDS);
        return client;
    }

    private List<String> children(NodeId node) throws Exception {
        ReferenceDescription[] references = client.browse(new BrowseDescription(node, BrowseDirection.Forward,
                Identifiers.HierarchicalReferences, true,
                uint(NodeClass.Object.getValue() | NodeClass.Variable.getValue()),
                uint(BrowseResultMask.All.getValue()))).get(5, TimeUnit.SECONDS).getReferences();
        return List.of(references).stream().map(r -> r.getBrowseName().getName()).toList();
    }

    @Test
    void showsEverySensorInAFolderPerSiteAndKind() throws Exception {
        connect();
        int ns = client.getNamespaceTable().getIndex(substation.namespaceUri()).intValue();

        assertThat(children(Identifiers.ObjectsFolder)).contains("Substation");
        assertThat(children(new NodeId(ns, "Substation"))).containsExactly("CM01", "TP01");
        assertThat(children(new NodeId(ns, "CM01"))).containsExactly("ch4", "co");
        assertThat(children(new NodeId(ns, "CM01/ch4"))).containsExactly("CM01-CH4-T1");
        assertThat(children(new NodeId(ns, "TP01/water_level"))).containsExactly("TP01-WL-01");
    }

    @Test
    void servesEachSensorsSignalStampedWithTheSimulatedTime() throws Exception {
        connect();
        int ns = client.getNamespaceTable().getIndex(substation.namespaceUri()).intValue();

        DataValue value = client.readValue(0, TimestampsToReturn.Both, new NodeId(ns, "CM01-CH4-T1"))
                .get(5, TimeUnit.SECONDS);

        assertThat(value.getValue().getValue()).isEqualTo(0.31);
        assertThat(value.getStatusCode().isGood()).isTrue();
        assertThat(value.getSourceTime().getJavaInstant()).isEqualTo(NOW);
    }

    @Test
    void reportsTheFaultSetForAPoint() throws Exception {
        connect();
        int ns = client.getNamespaceTable().getIndex(substation.namespaceUri()).intValue();

        substation.setStatus("TP01-WL-01", PointStatus.BAD_WITHOUT_VALUE);
        substation.setStatus("CM01-CO-01", PointStatus.UNCERTAIN);
        long before = substation.updates();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> substation.updates() >= before + 2L * fleet.size());

        DataValue level = client.readValue(0, TimestampsToReturn.Both, new NodeId(ns, "TP01-WL-01"))
                .get(5, TimeUnit.SECONDS);
        DataValue co = client.readValue(0, TimestampsToReturn.Both, new NodeId(ns, "CM01-CO-01"))
                .get(5, TimeUnit.SECONDS);
        assertThat(level.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_CommunicationError);
        assertThat(level.getValue().isNull()).isTrue();
        assertThat(co.getStatusCode().getValue()).isEqualTo(StatusCodes.Uncertain_SensorNotAccurate);
        assertThat(co.getValue().getValue()).isEqualTo(6.0);
    }

    @Test
    void offersSecurityNoneAndBasic256Sha256WithSignAndWithSignAndEncrypt() throws Exception {
        List<EndpointDescription> endpoints = DiscoveryClient.getEndpoints(substation.endpointUrl())
                .get(5, TimeUnit.SECONDS);

        assertThat(endpoints).extracting(e -> e.getSecurityPolicyUri() + " " + e.getSecurityMode())
                .containsExactlyInAnyOrder(
                        SecurityPolicy.None.getUri() + " " + MessageSecurityMode.None,
                        SecurityPolicy.Basic256Sha256.getUri() + " " + MessageSecurityMode.Sign,
                        SecurityPolicy.Basic256Sha256.getUri() + " " + MessageSecurityMode.SignAndEncrypt);
        assertThat(endpoints).allSatisfy(e -> assertThat(e.getEndpointUrl()).isEqualTo(substation.endpointUrl()));
    }

    @Test
    void comesBackOnTheSamePortWithTheSameCertificateAfterAStop() throws Exception {
        byte[] certificate = substation.certificate().getEncoded();

        substation.stop();
        assertThat(substation.isRunning()).isFalse();
        assertThatThrownBy(() -> DiscoveryClient.getEndpoints(substation.endpointUrl()).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);

        substation.start();
        assertThat(DiscoveryClient.getEndpoints(substation.endpointUrl()).get(5, TimeUnit.SECONDS)).isNotEmpty();
        assertThat(substation.certificate().getEncoded()).isEqualTo(certificate);
        connect();
        assertThat(children(Identifiers.ObjectsFolder)).contains("Substation");
    }
}
