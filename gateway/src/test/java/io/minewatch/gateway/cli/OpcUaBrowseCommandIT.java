package io.minewatch.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.simulators.demo.DemoSites;
import io.minewatch.simulators.opcua.OpcUaSubstation;
import io.minewatch.simulators.opcua.SubstationSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minewatch opcua-browse} against the demo's substation simulator. */
class OpcUaBrowseCommandIT {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private OpcUaSubstation substation;

    @BeforeEach
    void start() throws Exception {
        substation = new OpcUaSubstation(SubstationSettings.local(freePort(), dir.resolve("substation")),
                DemoSites.fleet(DemoSites.DEFAULT_SEED, Clock.systemUTC().instant()), scheduler, Clock.systemUTC());
        substation.start();
    }

    @AfterEach
    void stop() {
        substation.close();
        scheduler.shutdownNow();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheSimulatorsAddressSpaceAsATreeWithNodeIdsAndValues() {
        int code = run("opcua-browse", substation.endpointUrl(), "--pki-dir", dir.resolve("pki").toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(output()).contains(
                substation.endpointUrl() + "  (security none)\n",
                "  ns=2  urn:minewatch:substation\n",
                "Objects  ns=0;i=85\n",
                "└── Substation  ns=2;s=Substation\n",
                "    ├── CM01  ns=2;s=CM01\n",
                "    │   ├── ch4  ns=2;s=CM01/ch4\n",
                "    │   │   ├── CM01-CH4-T1  ns=2;s=CM01-CH4-T1  = Double ",
                "    └── TP01  ns=2;s=TP01\n",
                "            └── TP01-GNSS-02  ns=2;s=TP01-GNSS-02  = Double ",
                "9 variables.",
                "(The Server object, i=2253, is left out: --server-object yes shows it.)");
        assertThat(output()).doesNotContain("ServerStatus");
    }

    @Test
    void browsesFromAGivenNodeToAGivenDepth() {
        int code = run("opcua-browse", substation.endpointUrl(), "--root", "nsu=urn:minewatch:substation;s=TP01",
                "--depth", "1", "--pki-dir", dir.resolve("pki").toString());

        assertThat(code).isZero();
        assertThat(output()).contains("nsu=urn:minewatch:substation;s=TP01  ns=2;s=TP01\n",
                "├── water_level  ns=2;s=TP01/water_level\n").doesNotContain("TP01-WL-01");
    }

    @Test
    void browsesOverSignAndEncryptTrustingTheServerOnFirstUse() throws Exception {
        substation.close();
        substation = new OpcUaSubstation(SubstationSettings.local(freePort(), dir.resolve("substation2"))
                .withTrustAllClients(true), DemoSites.fleet(1, Clock.systemUTC().instant()), scheduler,
                Clock.systemUTC());
        substation.start();
        Path pki = dir.resolve("pki");

        int code = run("opcua-browse", substation.endpointUrl(), "--security", "basic256sha256",
                "--trust-on-first-use", "yes", "--pki-dir", pki.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(output()).contains("(security basic256sha256 sign_and_encrypt)", "CM01-CH4-T1");
        try (Stream<Path> trusted = Files.list(pki.resolve("trusted"))) {
            assertThat(trusted).singleElement().satisfies(file ->
                    assertThat(file.getFileName().toString()).startsWith("opcua-browse-"));
        }
    }

    @Test
    void saysWhyItCannotConnectAndExitsOne() throws Exception {
        int code = run("opcua-browse", "opc.tcp://127.0.0.1:" + freePort() + "/nothing");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("minewatch opcua-browse: asking opc.tcp://")
                .contains("Connection refused");
    }

    @Test
    void rejectsAUrlThatIsNotOpcTcpAsAUsageError() {
        assertThat(run("opcua-browse", "http://127.0.0.1:4840")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("endpoint : http://127.0.0.1:4840 (expected: opc.tcp://HOST:PORT[/PATH])");
        assertThat(run("opcua-browse")).isEqualTo(2);
    }
}
