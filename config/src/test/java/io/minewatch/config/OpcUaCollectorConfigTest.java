package io.minewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.minewatch.config.OpcUaCollectorConfig.BrowseMapping;
import io.minewatch.config.OpcUaCollectorConfig.DeadbandType;
import io.minewatch.config.OpcUaCollectorConfig.NodeIdText;
import io.minewatch.config.OpcUaCollectorConfig.NodeMapping;
import io.minewatch.config.OpcUaCollectorConfig.Security;
import io.minewatch.config.OpcUaCollectorConfig.SecurityMode;
import io.minewatch.config.OpcUaCollectorConfig.SecurityPolicy;
import io.minewatch.config.OpcUaCollectorConfig.Subscription;
import io.minewatch.config.OpcUaCollectorConfig.Trigger;
import io.minewatch.config.quantity.Unit;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OpcUaCollectorConfigTest {

    private static final Path FILE = Path.of("/etc/minewatch/minewatch.yaml");

    private final ConfigLoader loader = new ConfigLoader(Map.of("PLC_PASSWORD", "s3cret")::get);

    private static final String SITES = """
            sites:
              - id: CM01
                type: coal_mine
                sensors:
                  - { id: CM01-CH4-T1, kind: ch4, profile: coal_ch4_working_face }
                  - { id: CM01-CO-01, kind: co }
              - id: TP01
                type: tailings_pond
                sensors:
                  - { id: TP01-GNSS-02, kind: displacement }
            """;

    private MinewatchConfig load(String yaml) {
        return loader.read(yaml, FILE);
    }

    private List<ConfigProblem> problems(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> load(yaml)).problems();
    }

    @Test
    void readsTheBriefsExampleWithDefaultsFilledIn() {
        MinewatchConfig config = load("""
                collectors:
                  opcua: [ { name: plc1, endpoint: "opc.tcp://host:4840/path", security: none,
                             nodes: [ { node: "ns=1;s=CM01.CH4.T1", sensor: CM01-CH4-T1 } ] } ]
                """ + SITES);

        assertThat(config.mqttCollectors()).isEmpty();
        assertThat(config.opcuaCollectors()).singleElement().satisfies(opcua -> {
            assertThat(opcua.name()).isEqualTo("plc1");
            assertThat(opcua.endpoint()).isEqualTo(URI.create("opc.tcp://host:4840/path"));
            assertThat(opcua.port()).isEqualTo(4840);
            assertThat(opcua.security()).isEqualTo(new Security(SecurityPolicy.NONE, SecurityMode.NONE, null, null,
                    Path.of("/etc/minewatch/data/opcua"), false));
            assertThat(opcua.nodes()).containsExactly(new NodeMapping("ns=1;s=CM01.CH4.T1", "CM01-CH4-T1", null));
            assertThat(opcua.browse()).isEmpty();
            assertThat(opcua.subscription()).isEqualTo(new Subscription(Duration.ofSeconds(1), Duration.ofMillis(500),
                    10, DeadbandType.NONE, 0, Trigger.STATUS_VALUE_TIMESTAMP));
            assertThat(opcua.reconnectMin()).isEqualTo(Duration.ofMillis(500));
            assertThat(opcua.reconnectMax()).isEqualTo(Duration.ofSeconds(2));
        });
    }

    @Test
    void readsSecurityIdentityBrowseMappingsAndSubscriptionSettings() {
        MinewatchConfig config = load("""
                storage: { local: { path: /var/lib/minewatch } }
                collectors:
                  opcua:
                    - name: pond-logger
                      endpoint: "opc.tcp://10.0.0.5"
                      security: Basic256Sha256
                      security_mode: sign
                      username: gateway
                      password: ${PLC_PASSWORD}
                      trust_on_first_use: true
                      nodes:
                        - { node: "nsu=urn:vendor:logger;s=GNSS 2", sensor: TP01-GNSS-02, unit: m }
                      browse:
                        - { folder: "ns=2;i=5001", pattern: "CH4_(T\\\\d)", sensor: "CM01-CH4-$1", depth: 3 }
                      publishing_interval: 2s
                      sampling_interval: 0s
                      queue_size: 50
                      deadband: 0.05
                      trigger: status_value
                      reconnect_min: 1s
                      reconnect_max: 10s
                """ + SITES);

        OpcUaCollectorConfig opcua = config.opcuaCollectors().get(0);
        assertThat(opcua.port()).isEqualTo(4840);
        assertThat(opcua.security()).isEqualTo(new Security(SecurityPolicy.BASIC256SHA256, SecurityMode.SIGN,
                "gateway", "s3cret", Path.of("/var/lib/minewatch/opcua"), true));
        assertThat(opcua.nodes()).containsExactly(
                new NodeMapping("nsu=urn:vendor:logger;s=GNSS 2", "TP01-GNSS-02", Unit.METRE));
        assertThat(opcua.browse()).containsExactly(new BrowseMapping("ns=2;i=5001", "CH4_(T\\d)", "CM01-CH4-$1",
                null, 3));
        assertThat(opcua.subscription()).isEqualTo(new Subscription(Duration.ofSeconds(2), Duration.ZERO, 50,
                DeadbandType.ABSOLUTE, 0.05, Trigger.STATUS_VALUE));
        assertThat(opcua.reconnectMax()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void signsAndEncryptsByDefaultWithBasic256Sha256AndResolvesPkiDirAgainstTheFile() {
        MinewatchConfig config = load("""
                collectors:
                  opcua:
                    - { name: plc1, endpoint: "opc.tcp://plc:4840", security: basic256sha256, pki_dir: pki,
                        browse: [ { folder: "i=85", pattern: "CM01-.*" } ] }
                """ + SITES);

        OpcUaCollectorConfig opcua = config.opcuaCollectors().get(0);
        assertThat(opcua.security().mode()).isEqualTo(SecurityMode.SIGN_AND_ENCRYPT);
        assertThat(opcua.security().pkiDir()).isEqualTo(Path.of("/etc/minewatch/pki"));
        assertThat(opcua.browse()).containsExactly(new BrowseMapping("i=85", "CM01-.*", "$0", null, 8));
    }

    @Test
    void reportsNodesMappedToUnregisteredSensorsInWrongUnitsOrTwice() {
        List<ConfigProblem> problems = problems("""
                collectors:
                  opcua:
                    - name: plc1
                      endpoint: "opc.tcp://host:4840"
                      nodes:
                        - { node: "ns=2;s=a", sensor: CM01-CH4-T2 }
                        - { node: "ns=2;s=b", sensor: CM01-CH4-T1, unit: m }
                        - { node: "ns=2;s=c", sensor: TP01-GNSS-02 }
                    - name: plc2
                      endpoint: "opc.tcp://host:4841"
                      nodes: [ { node: "ns=2;s=d", sensor: TP01-GNSS-02 } ]
                """ + SITES);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::key, ConfigProblem::value)
                .containsExactly(
                        tuple(6, "collectors.opcua[0].nodes[0].sensor", "CM01-CH4-T2"),
                        tuple(7, "collectors.opcua[0].nodes[1].sensor", "CM01-CH4-T1"),
                        tuple(11, "collectors.opcua[1].nodes[0].sensor", "TP01-GNSS-02"));
        assertThat(problems.get(0).expected()).isEqualTo("did you mean 'CM01-CH4-T1'? a sensor registered under"
                + " sites (OPC UA nodes map only to registered sensors)");
        assertThat(problems.get(1).expected()).contains("convertible to %", "not m");
        assertThat(problems.get(2).expected()).isEqualTo("a sensor mapped by one OPC UA node only (also"
                + " collectors.opcua[0].nodes[2].sensor)");
    }

    @Test
    void reportsEveryBadKeyOfACollectorAtOnce() {
        List<ConfigProblem> problems = problems("""
                collectors:
                  mqtt: [ { name: plc1, url: "tcp://127.0.0.1:1883" } ]
                  opcua:
                    - name: plc1
                      endpoint: "http://host:4840"
                      security: basic128
                      password: x
                      nodes: [ { node: "s=", sensor: CM01-CH4-T1 }, { node: "ns=70000;i=1", sensor: TP01-GNSS-02 } ]
                      browse: [ { folder: "ns=2;s=F", pattern: "CH4_(" }, { folder: "i=85", pattern: "(a)", sensor: "$2" } ]
                      queue_size: 0
                      deadband_type: percent
                      trigger: always
                    - { name: plc2, endpoint: "opc.tcp://h", security_mode: sign, trust_on_first_use: true,
                        nodes: [ { node: "i=1", sensor: CM01-CO-01, unit: parsec } ] }
                    - { name: plc3, endpoint: "opc.tcp://h" }
                """ + SITES);

        // Problems come in line order; a missing key is reported on the line its mapping starts.
        assertThat(problems).extracting(ConfigProblem::key).containsExactly(
                "collectors.opcua[0].name",
                "collectors.opcua[0].username",
                "collectors.opcua[0].deadband",
                "collectors.opcua[0].endpoint",
                "collectors.opcua[0].security",
                "collectors.opcua[0].nodes[0].node",
                "collectors.opcua[0].nodes[1].node",
                "collectors.opcua[0].browse[0].pattern",
                "collectors.opcua[0].browse[1].sensor",
                "collectors.opcua[0].queue_size",
                "collectors.opcua[0].trigger",
                "collectors.opcua[1].security_mode",
                "collectors.opcua[1].trust_on_first_use",
                "collectors.opcua[1].nodes[0].unit",
                "collectors.opcua[2].nodes");
        assertThat(problems.get(0).expected()).isEqualTo("a collector name used once (also collectors.mqtt)");
        assertThat(problems.get(1).expected()).isEqualTo("a user name, since password is set");
        assertThat(problems.get(2).expected()).isEqualTo("the deadband's size, since deadband_type is percent");
        assertThat(problems.get(3).expected()).startsWith("a URL opc.tcp://HOST[:PORT]");
        assertThat(problems.get(5).expected()).isEqualTo(NodeIdText.EXPECTED);
        assertThat(problems.get(7).expected()).startsWith("a regular expression (Unclosed group");
        assertThat(problems.get(8).expected()).contains("the pattern has 1 groups");
        assertThat(problems.get(14).expected()).contains("one of them is required");
    }

    @Test
    void acceptsTheNodeIdFormsOfTheOpcUaSpecification() {
        assertThat(List.of("i=85", "ns=2;s=CM01.CH4.T1", "ns=3;i=4294967295", "ns=65535;s=a;b",
                "nsu=urn:vendor:plc;s=CH4 T1", "ns=1;g=09087e75-8e5e-499b-954f-f2a9603db28a", "ns=1;b=M/RbKBsRVkePCePcx24oRA=="))
                .allMatch(NodeIdText::isValid);
        assertThat(List.of("", "85", "ns=2", "ns=2;", "ns=2;x=1", "i=4294967296", "ns=65536;i=1", "ns=a;i=1",
                "ns=1;g=nope", "s="))
                .noneMatch(NodeIdText::isValid);
    }

    @Test
    void recordsRefuseInconsistentSettingsWithTheUsualMessage() {
        assertThatThrownBy(() -> new Security(SecurityPolicy.NONE, SecurityMode.SIGN, null, null, Path.of("pki"),
                false)).hasMessage("security_mode : sign (expected: none with security none)");
        assertThatThrownBy(() -> new Subscription(null, null, 0, DeadbandType.NONE, 1, null))
                .hasMessage("deadband : 1.0 (expected: 0 with deadband_type none)");
        assertThatThrownBy(() -> new OpcUaCollectorConfig("plc1", URI.create("opc.tcp://h:4840"),
                Security.none(Path.of("pki")), List.of(), List.of(), null, null, null))
                .hasMessage("collector plc1 nodes : [] (expected: at least one node or browse mapping)");
        assertThatThrownBy(() -> new BrowseMapping("i=85", "(", null, null, 0))
                .hasMessageStartingWith("pattern : ( (expected: a regular expression");
    }

    @Test
    void checkConfigExplainsOpcUaCollectorsWithoutShowingPasswords() {
        MinewatchConfig config = load("""
                collectors:
                  opcua:
                    - name: plc1
                      endpoint: "opc.tcp://plc:4840/ua"
                      security: basic256sha256
                      username: gateway
                      password: ${PLC_PASSWORD}
                      deadband: 0.01
                      nodes: [ { node: "ns=2;s=CH4", sensor: CM01-CH4-T1 } ]
                      browse: [ { folder: "ns=2;s=Pond", pattern: "GNSS_(\\\\d+)", sensor: "TP01-GNSS-0$1", unit: m } ]
                """ + SITES);

        String summary = ConfigSummary.explain(config);

        assertThat(summary).contains(
                "  opcua plc1: opc.tcp://plc:4840/ua, security basic256sha256 sign_and_encrypt, trusting the"
                        + " certificates in /etc/minewatch/data/opcua/trusted, user gateway, certificates in"
                        + " /etc/minewatch/data/opcua\n",
                "    publishing every 1s, sampling every 500ms, queue 10, deadband 0.01 absolute, reporting changes"
                        + " of status value timestamp, reconnect 500ms to 2s\n",
                "    node ns=2;s=CH4 -> CM01-CH4-T1\n",
                "    browse ns=2;s=Pond up to 8 levels: variables named GNSS_(\\d+) -> sensor TP01-GNSS-0$1 (in m)\n");
        assertThat(summary).doesNotContain("s3cret").doesNotContain("none: no readings will arrive");
    }

    @Test
    void theReferencesExampleIsValidAndEveryKeyIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        Matcher block = Pattern.compile("```yaml\n(collectors:\n  opcua:\n.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).isTrue();

        MinewatchConfig config = new ConfigLoader(Map.of("PLC1_PASSWORD", "x")::get).read(block.group(1) + SITES,
                FILE);

        assertThat(config.opcuaCollectors()).singleElement().satisfies(opcua -> {
            assertThat(opcua.nodes()).hasSize(2);
            assertThat(opcua.browse()).hasSize(1);
        });
        for (String key : List.of("name", "endpoint", "security", "security_mode", "username", "password", "pki_dir",
                "trust_on_first_use", "nodes", "nodes[].node", "nodes[].sensor", "nodes[].unit", "browse",
                "browse[].folder", "browse[].pattern", "browse[].sensor", "browse[].unit", "browse[].depth",
                "publishing_interval", "sampling_interval", "queue_size", "deadband", "deadband_type", "trigger",
                "reconnect_min", "reconnect_max")) {
            assertThat(doc).as(key).contains("| `" + key + "` |");
        }
    }
}
