package io.minewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.DefaultProfiles;
import io.minewatch.config.rules.Direction;
import io.minewatch.config.rules.Level;
import io.minewatch.config.rules.LevelThreshold;
import io.minewatch.config.rules.Profile;
import io.minewatch.config.rules.Rule;
import io.minewatch.config.rules.Signal;
import io.minewatch.config.sites.SensorConfig;
import io.minewatch.config.sites.SiteType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final Path FILE = Path.of("/etc/minewatch/minewatch.yaml");

    private final ConfigLoader loader = new ConfigLoader(Map.of("DB_PASSWORD", "s3cret", "HTTP_PORT", "9090")::get);

    private MinewatchConfig load(String yaml) {
        return loader.read(yaml, FILE);
    }

    private List<ConfigProblem> problems(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> load(yaml)).problems();
    }

    private static final String MINIMAL_SITES = """
            sites:
              - id: CM01
                type: coal_mine
                sensors:
                  - { id: CM01-CH4-T1, kind: ch4, location: "working face 1201", profile: coal_ch4_working_face }
            """;

    @Test
    void readsAFileWithOnlySitesAndFillsDefaults() {
        MinewatchConfig config = load(MINIMAL_SITES);

        assertThat(config.source()).isEqualTo(FILE);
        assertThat(config.http()).isEqualTo(HttpConfig.DEFAULT);
        assertThat(config.mqttCollectors()).isEmpty();
        assertThat(config.storage().influxdb()).isEmpty();
        assertThat(config.storage().local().path()).isEqualTo(Path.of("/etc/minewatch/data"));
        assertThat(config.alarms()).isEqualTo(AlarmOutputConfig.DEFAULT);
        assertThat(config.sites()).singleElement().satisfies(site -> {
            assertThat(site.id()).isEqualTo("CM01");
            assertThat(site.type()).isEqualTo(SiteType.COAL_MINE);
            assertThat(site.name()).isEqualTo("CM01");
        });
        SensorConfig sensor = config.sensorsById().get("CM01-CH4-T1");
        assertThat(sensor.site()).isEqualTo("CM01");
        assertThat(sensor.kind()).isEqualTo(Kind.CH4);
        assertThat(sensor.location()).isEqualTo("working face 1201");
        assertThat(sensor.profile()).isEqualTo(DefaultProfiles.all().get("coal_ch4_working_face"));
        assertThat(config.profiles()).containsAllEntriesOf(DefaultProfiles.all());
    }

    @Test
    void readsEverySection() {
        MinewatchConfig config = load("""
                http: { bind: 0.0.0.0, port: "${HTTP_PORT}" }
                collectors:
                  mqtt:
                    - { name: site-broker, url: tcp://127.0.0.1:1883, topics: ["minewatch/+/+", "plant/#"], qos: 2,
                        client_id: gw1, username: u, password: "${DB_PASSWORD}", reconnect_min: 250ms,
                        reconnect_max: 1m, max_payload_bytes: 1024 }
                storage:
                  influxdb: { url: http://127.0.0.1:8086, database: mw, username: u, password: "${DB_PASSWORD}",
                              retention_policy: one_year, batch_size: 100, flush_interval: PT0.5S }
                  local: { path: ../var/minewatch }
                pipeline: { event_loops: 3, max_in_flight: 500, max_future_skew: 1d }
                alarms: { mqtt: { url: ssl://alarms.example:8883 }, topic_prefix: mine/alarms }
                """ + MINIMAL_SITES);

        assertThat(config.http()).isEqualTo(new HttpConfig("0.0.0.0", 9090));
        assertThat(config.mqttCollectors()).containsExactly(new MqttCollectorConfig("site-broker",
                URI.create("tcp://127.0.0.1:1883"), List.of("minewatch/+/+", "plant/#"), 2, "gw1", "u", "s3cret", null,
                Duration.ofMillis(250), Duration.ofMinutes(1), 1024));
        assertThat(config.storage().influxdb()).contains(new StorageConfig.InfluxDbConfig(
                URI.create("http://127.0.0.1:8086"), "mw", "u", "s3cret", "one_year", 100, Duration.ofMillis(500)));
        assertThat(config.storage().local().path()).isEqualTo(Path.of("/etc/var/minewatch"));
        assertThat(config.pipeline()).isEqualTo(new PipelineConfig(3, 500, Duration.ofDays(1)));
        assertThat(config.alarms()).isEqualTo(new AlarmOutputConfig(
                Optional.of(URI.create("ssl://alarms.example:8883")), "mine/alarms"));
    }

    @Test
    void reportsEveryProblemOfAFileInOnePassWithLinesKeysAndValues() {
        List<ConfigProblem> problems = problems("""
                http:
                  port: 80800
                collectors:
                  mqtt:
                    - name: broker
                      url: http://127.0.0.1:1883
                      qos: 3
                sites:
                  - id: CM01
                    type: gold_mine
                    sensors:
                      - { id: CM01/CH4, kind: ch4 }
                      - { id: S2, kind: methane }
                """);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::key, ConfigProblem::value)
                .containsExactly(
                        tuple(2, "http.port", "80800"),
                        tuple(6, "collectors.mqtt[0].url", "http://127.0.0.1:1883"),
                        tuple(7, "collectors.mqtt[0].qos", "3"),
                        tuple(10, "sites[0].type", "gold_mine"),
                        tuple(12, "sites[0].sensors[0].id", "CM01/CH4"),
                        tuple(13, "sites[0].sensors[1].kind", "methane"));
        assertThat(problems).allSatisfy(problem -> assertThat(problem.file()).isEqualTo(FILE));
        assertThat(problems.get(0).expected()).isEqualTo("an integer from 0 to 65535");
        assertThat(problems.get(1).expected()).contains("tcp|ssl://HOST:PORT");
        assertThat(problems.get(3).expected()).isEqualTo("coal_mine, tailings_pond or open_pit");
        assertThat(problems.get(4).expected()).contains("no '/'");
        assertThat(problems.get(5).expected()).startsWith("one of ch4, co, o2").contains("water_level");
    }

    @Test
    void readsTheMqttKeepAliveAndReceiveQueueAndRejectsAKeepAliveOfFractionalSeconds() {
        MinewatchConfig config = load("""
                collectors:
                  mqtt:
                    - { name: a, url: tcp://127.0.0.1:1883, keep_alive: 5s, receive_queue: 4000 }
                    - { name: b, url: tcp://127.0.0.1:1884 }
                """ + MINIMAL_SITES);
        List<ConfigProblem> problems = problems("""
                collectors:
                  mqtt:
                    - { name: a, url: tcp://127.0.0.1:1883, keep_alive: 1500ms, receive_queue: 0 }
                """ + MINIMAL_SITES);

        assertThat(config.mqttCollectors().get(0).keepAlive()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.mqttCollectors().get(0).receiveQueue()).isEqualTo(4000);
        assertThat(config.mqttCollectors().get(1).keepAlive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.mqttCollectors().get(1).receiveQueue()).isEqualTo(20_000);
        assertThat(problems).extracting(ConfigProblem::key, ConfigProblem::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("collectors.mqtt[0].keep_alive", "1500ms"),
                org.assertj.core.groups.Tuple.tuple("collectors.mqtt[0].receive_queue", "0"));
        assertThat(problems.get(0).expected()).isEqualTo("whole seconds from 1s to 65535s");
    }

    @Test
    void refusesACollectorThatWouldReadTheGatewaysOwnOutputOnTheSameBroker() {
        List<ConfigProblem> problems = problems("""
                collectors:
                  mqtt:
                    - { name: site, url: "tcp://127.0.0.1:1883", topics: ["minewatch/+/+", "minewatch/#"] }
                    - { name: other, url: "tcp://10.0.0.9:1883", topics: ["minewatch/#"] }
                alarms: { topic_prefix: minewatch/alarms }
                """ + MINIMAL_SITES);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::key, ConfigProblem::value)
                .containsExactly(tuple(3, "collectors.mqtt[0].topics[1]", "minewatch/#"));
        assertThat(problems.get(0).expected()).contains("minewatch/alarms/{site}/{sensor}",
                "minewatch/alarms/_notifications/{contact}", "alarms.topic_prefix");
    }

    @Test
    void refusesTheDefaultFilterWhenTheAlarmPrefixIsOneLevelOnTheSameBroker() {
        List<ConfigProblem> problems = problems("""
                collectors:
                  mqtt:
                    - { name: site, url: "tcp://127.0.0.1:1883" }
                alarms: { topic_prefix: minewatch }
                """ + MINIMAL_SITES);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::key, ConfigProblem::value)
                .containsExactly(tuple(3, "collectors.mqtt[0].topics", "minewatch/+/+ (the default)"));
    }

    @Test
    void acceptsAWideFilterWhenTheAlarmsGoToAnotherBroker() {
        MinewatchConfig config = load("""
                collectors:
                  mqtt:
                    - { name: site, url: "tcp://127.0.0.1:1883", topics: ["minewatch/#"] }
                alarms: { mqtt: { url: "tcp://127.0.0.1:1884" } }
                """ + MINIMAL_SITES);

        assertThat(config.mqttCollectors()).singleElement()
                .satisfies(c -> assertThat(c.topics()).containsExactly("minewatch/#"));
    }

    @Test
    void exceptionMessageListsEveryProblemAsFileLineKeyValueExpected() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load("""
                http: { port: x }
                sites: []
                """));

        assertThat(e.getMessage()).isEqualTo("""
                invalid configuration, 2 problems:
                /etc/minewatch/minewatch.yaml:1: http.port: 'x' (expected: an integer from 0 to 65535)
                /etc/minewatch/minewatch.yaml:2: sites: '[]' (expected: a list of at least one site)""");
    }

    @Test
    void suggestsTheNearestKnownKeyForAMisspeltOne() {
        List<ConfigProblem> problems = problems("""
                http: { bind: 127.0.0.1, prot: 8080 }
                sites:
                  - id: CM01
                    type: coal_mine
                    sensor:
                      - { id: a, kind: ch4 }
                    colour: red
                """);

        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).isEqualTo(new ConfigProblem(FILE, 1, "http.prot", "prot",
                "did you mean 'port'? known keys here: bind, port, tls, session_ttl"));
        assertThat(problems.get(1).key()).isEqualTo("sites[0].sensor");
        assertThat(problems.get(1).line()).isEqualTo(5);
        assertThat(problems.get(1).expected()).startsWith("did you mean 'sensors'?");
        assertThat(problems.get(2).key()).isEqualTo("sites[0].colour");
        assertThat(problems.get(2).expected()).isEqualTo("known keys here: id, type, name, sensors");
    }

    @Test
    void suggestsAKeyAtTopLevelAndStillReportsTheRequiredOneMissing() {
        List<ConfigProblem> problems = problems("site:\n  - id: CM01\n");

        assertThat(problems).extracting(ConfigProblem::key).containsExactly("site", "sites");
        assertThat(problems.get(0).expected()).startsWith("did you mean 'sites'?");
        assertThat(problems.get(1).expected()).isEqualTo("a list of at least one site (required)");
    }

    @Test
    void rejectsASensorIdUsedTwiceAcrossSites() {
        List<ConfigProblem> problems = problems("""
                sites:
                  - id: CM01
                    type: coal_mine
                    sensors:
                      - { id: GAS-1, kind: ch4 }
                  - id: TP01
                    type: tailings_pond
                    sensors:
                      - { id: GAS-1, kind: water_level }
                """);

        assertThat(problems).singleElement().isEqualTo(new ConfigProblem(FILE, 9, "sites[1].sensors[0].id", "GAS-1",
                "a sensor id used once across all sites (also sites[0].sensors[0])"));
    }

    @Test
    void rejectsASiteIdUsedTwice() {
        List<ConfigProblem> problems = problems("""
                sites:
                  - { id: CM01, type: coal_mine }
                  - { id: CM01, type: open_pit }
                """);

        assertThat(problems).singleElement().isEqualTo(new ConfigProblem(FILE, 3, "sites[1].id", "CM01",
                "a site id used once (also sites[0])"));
    }

    @Test
    void rejectsAProfileOfAnotherKindListingTheCandidates() {
        List<ConfigProblem> problems = problems("""
                sites:
                  - id: CM01
                    type: coal_mine
                    sensors:
                      - { id: CO-1, kind: co, profile: coal_ch4_working_face }
                """);

        assertThat(problems).singleElement().isEqualTo(new ConfigProblem(FILE, 5, "sites[0].sensors[0].profile",
                "coal_ch4_working_face", "a profile for co, not ch4: coal_co"));
    }

    @Test
    void rejectsAnUnknownProfileListingTheCandidatesOfTheKind() {
        List<ConfigProblem> problems = problems("""
                sites:
                  - id: CM01
                    type: coal_mine
                    sensors:
                      - { id: CH4-1, kind: ch4, profile: coal_ch4_face }
                """);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.value()).isEqualTo("coal_ch4_face");
            assertThat(problem.expected()).startsWith("a profile for ch4: ")
                    .contains("coal_ch4_working_face", "coal_ch4_heading_face", "coal_ch4_main_return")
                    .doesNotContain("coal_co");
        });
    }

    @Test
    void requiresAProfileForAKindWithoutADefault() {
        List<ConfigProblem> problems = problems("""
                sites:
                  - id: TP01
                    type: tailings_pond
                    sensors:
                      - { id: RAIN-1, kind: rainfall }
                      - { id: SUMP-1, kind: sump_level }
                """);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::key).containsExactly(
                tuple(5, "sites[0].sensors[0].profile"),
                tuple(6, "sites[0].sensors[1].profile"));
        assertThat(problems.get(0).expected())
                .isEqualTo("a profile for rainfall, which has no built-in default: define one under profiles:");
    }

    @Test
    void givesASensorWithoutProfileItsKindsDefault() {
        MinewatchConfig config = load("""
                sites:
                  - id: CM01
                    type: coal_mine
                    sensors:
                      - { id: O2-1, kind: O2 }
                """);

        assertThat(config.sensorsById().get("O2-1").profile().name()).isEqualTo("coal_o2");
    }

    @Test
    void readsASitesOwnProfileAndKeepsTheBuiltInsBesideIt() {
        MinewatchConfig config = load("""
                profiles:
                  pond_a_water_level:
                    kind: water_level
                    description: "Pond A"
                    source: "design report 2021 §4.2"
                    rules:
                      - id: level
                        direction: above
                        min_duration: 30s
                        levels:
                          - { name: blue, level: blue, enter: 8.5, exit: 8.4 }
                          - { level: red, enter: 10 }
                      - id: rise
                        direction: above
                        signal: rate
                        window: 6h
                        per: 1d
                        levels:
                          - { name: fast, level: orange, enter: 0.5 }
                sites:
                  - id: TP01
                    type: tailings_pond
                    sensors:
                      - { id: WL-1, kind: water_level, profile: pond_a_water_level }
                """);

        Profile profile = config.profiles().get("pond_a_water_level");
        assertThat(profile).isEqualTo(new Profile("pond_a_water_level", Kind.WATER_LEVEL, "Pond A",
                "design report 2021 §4.2", List.of(
                        new Rule("level", Signal.VALUE, Direction.ABOVE, List.of(
                                new LevelThreshold("blue", Level.BLUE, 8.5, 8.4),
                                new LevelThreshold("red", Level.RED, 10, 10)), Duration.ofSeconds(30)),
                        new Rule("rise", Signal.rate(Duration.ofHours(6), Duration.ofDays(1)), Direction.ABOVE,
                                List.of(new LevelThreshold("fast", Level.ORANGE, 0.5, 0.5)), Duration.ZERO))));
        assertThat(config.sensorsById().get("WL-1").profile()).isSameAs(profile);
        assertThat(config.profiles()).containsAllEntriesOf(DefaultProfiles.all())
                .hasSize(DefaultProfiles.all().size() + 1);
        assertThatThrownBy(() -> config.profiles().remove("pond_a_water_level"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void namesTheFileAndLineAsSourceOfAProfileWithoutOne() {
        MinewatchConfig config = load("""
                profiles:
                  sump:
                    kind: sump_level
                    rules: [ { id: high, direction: above, levels: [ { level: orange, enter: 3.0 } ] } ]
                sites:
                  - { id: CM01, type: coal_mine, sensors: [ { id: S1, kind: sump_level, profile: sump } ] }
                """);

        assertThat(config.profiles().get("sump").source()).isEqualTo("configuration " + FILE + " line 3");
    }

    @Test
    void rejectsARuleIdReservedForTheBuiltInSensorFault() {
        List<ConfigProblem> problems = problems("""
                profiles:
                  sump:
                    kind: sump_level
                    rules: [ { id: sensor_fault, direction: above, levels: [ { level: orange, enter: 3.0 } ] } ]
                sites:
                  - { id: CM01, type: coal_mine, sensors: [ { id: S1, kind: sump_level, profile: sump } ] }
                """);

        assertThat(problems).anySatisfy(problem -> {
            assertThat(problem.line()).isEqualTo(4);
            assertThat(problem.value()).isEqualTo("sensor_fault");
            assertThat(problem.expected()).contains("built-in sensor-fault alarm");
        });
    }

    @Test
    void rejectsAProfileThatShadowsABuiltIn() {
        List<ConfigProblem> problems = problems("""
                profiles:
                  coal_ch4_working_face:
                    kind: ch4
                    rules: [ { id: ch4, direction: above, levels: [ { level: orange, enter: 2.0 } ] } ]
                """ + MINIMAL_SITES);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.key()).isEqualTo("profiles.coal_ch4_working_face");
            assertThat(problem.expected()).startsWith("a name that is not a built-in profile's");
        });
    }

    @Test
    void reportsRuleInvariantsAtTheOffendingLevel() {
        List<ConfigProblem> problems = problems("""
                profiles:
                  gas:
                    kind: ch4
                    rules:
                      - id: ch4
                        direction: above
                        levels:
                          - { name: alarm, level: orange, enter: 1.0, exit: 1.2 }
                  gas2:
                    kind: ch4
                    rules:
                      - id: ch4
                        direction: above
                        levels:
                          - { name: alarm, level: orange, enter: 1.0 }
                          - { name: cut, level: red, enter: 0.8 }
                sites:
                  - id: CM01
                    type: coal_mine
                    sensors:
                      - { id: A, kind: ch4, profile: gas }
                      - { id: B, kind: ch4, profile: gas2 }
                """);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).isEqualTo(new ConfigProblem(FILE, 8, "profiles.gas.rules[0].levels[0].exit", "1.2",
                "<= 1.0, the entry threshold, for a rule firing above"));
        assertThat(problems.get(1)).isEqualTo(new ConfigProblem(FILE, 16, "profiles.gas2.rules[0].levels[1].enter",
                "0.8", ">= 1.0, the entry of the less severe level alarm"));
    }

    @Test
    void reportsEveryProblemOfARule() {
        List<ConfigProblem> problems = problems("""
                profiles:
                  p:
                    kind: displacement
                    rules:
                      - id: r
                        direction: sideways
                        signal: rate
                        levels:
                          - { level: orange, enter: 1 }
                          - { level: orange, enter: 2 }
                      - id: r
                        direction: below
                        window: 1h
                        levels: []
                sites: [ { id: S, type: open_pit } ]
                """);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::key).containsExactly(
                tuple(5, "profiles.p.rules[0].window"),
                tuple(5, "profiles.p.rules[0].per"),
                tuple(6, "profiles.p.rules[0].direction"),
                tuple(10, "profiles.p.rules[0].levels[1].level"),
                tuple(10, "profiles.p.rules[0].levels[1].name"),
                tuple(11, "profiles.p.rules[1].id"),
                tuple(13, "profiles.p.rules[1].window"),
                tuple(14, "profiles.p.rules[1].levels"));
        assertThat(problems.get(2).expected()).startsWith("above or below");
    }

    @Test
    void rejectsAThresholdOutsideTheKindsPhysicalRange() {
        List<ConfigProblem> problems = problems("""
                profiles:
                  ch4_in_ppm:
                    kind: ch4
                    rules: [ { id: ch4, direction: above, levels: [ { level: orange, enter: 10000 } ] } ]
                sites: [ { id: CM01, type: coal_mine } ]
                """);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("profiles.ch4_in_ppm.rules[0].levels[0].enter");
            assertThat(problem.expected()).isEqualTo(
                    "a value within ch4's physical range 0..100 % (thresholds are in the kind's unit, %)");
        });
    }

    @Test
    void doesNotReportASensorPointingAtABrokenProfileASecondTime() {
        List<ConfigProblem> problems = problems("""
                profiles:
                  broken: { kind: ch4 }
                sites:
                  - { id: CM01, type: coal_mine, sensors: [ { id: A, kind: ch4, profile: broken } ] }
                """);

        assertThat(problems).singleElement().extracting(ConfigProblem::key).isEqualTo("profiles.broken.rules");
    }

    @Test
    void acceptsEveryDurationForm() {
        assertThat(skew("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(skew("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(skew("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(skew("6h")).isEqualTo(Duration.ofHours(6));
        assertThat(skew("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(skew("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThat(skew("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(skew("0s")).isEqualTo(Duration.ZERO);
    }

    private Duration skew(String text) {
        return load("pipeline: { max_future_skew: " + text + " }\n" + MINIMAL_SITES).pipeline().maxFutureSkew();
    }

    @Test
    void rejectsDurationsWithoutUnitOrNegative() {
        for (String bad : List.of("5", "5 minutes", "-5s", "PT-5S", "1w", "1.5h")) {
            assertThat(problems("pipeline: { max_future_skew: " + bad + " }\n" + MINIMAL_SITES))
                    .as(bad).singleElement().isEqualTo(new ConfigProblem(FILE, 1, "pipeline.max_future_skew", bad,
                            "a duration such as 250ms, 5s, 5m, 6h, 1d or ISO-8601 PT5S"));
        }
    }

    @Test
    void substitutesEnvironmentVariablesAndNamesAnUnsetOne() {
        MinewatchConfig config = load("""
                storage:
                  influxdb: { url: http://127.0.0.1:8086, password: "${DB_PASSWORD}", username: "$${literal}" }
                """ + MINIMAL_SITES);
        assertThat(config.storage().influxdb().orElseThrow().password()).isEqualTo("s3cret");
        assertThat(config.storage().influxdb().orElseThrow().username()).isEqualTo("${literal}");

        List<ConfigProblem> problems = problems("""
                storage:
                  influxdb: { url: http://127.0.0.1:8086, password: "${INFLUX_PASSWORD}" }
                http: { bind: "${ADDR" }
                """ + MINIMAL_SITES);
        assertThat(problems).containsExactly(
                new ConfigProblem(FILE, 2, "storage.influxdb.password", "${INFLUX_PASSWORD}",
                        "environment variable INFLUX_PASSWORD to be set"),
                new ConfigProblem(FILE, 3, "http.bind", "${ADDR",
                        "a placeholder of the form ${NAME}, or $${ for a literal ${, not ${ADDR"));
    }

    @Test
    void showsBothTheTextAndItsSubstitutionWhenASubstitutedValueIsBad() {
        ConfigLoader withBadPort = new ConfigLoader(Map.of("HTTP_PORT", "eighty")::get);

        assertThat(withBadPort.problems("http: { port: '${HTTP_PORT}' }\n" + MINIMAL_SITES, FILE)).singleElement()
                .extracting(ConfigProblem::value).isEqualTo("${HTTP_PORT} = eighty");
    }

    @Test
    void validatesMqttCollectors() {
        List<ConfigProblem> problems = problems("""
                collectors:
                  mqtt:
                    - { name: a, url: "tcp://127.0.0.1" }
                    - { name: a, url: "tcp://127.0.0.1:1883", topics: ["x/#/y", "ok/+"] }
                    - { url: "ssl://broker:8883", reconnect_min: 10s, reconnect_max: 5s }
                    - { name: c, url: "tcp://127.0.0.1:1883", client_id: minewatch-a, tls: { ca_file: ca.pem } }
                """ + MINIMAL_SITES);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::key, ConfigProblem::value)
                .containsExactly(
                        tuple(3, "collectors.mqtt[0].url", "tcp://127.0.0.1"),
                        tuple(4, "collectors.mqtt[1].name", "a"),
                        tuple(4, "collectors.mqtt[1].topics[0]", "x/#/y"),
                        tuple(5, "collectors.mqtt[2].name", ""),
                        tuple(5, "collectors.mqtt[2].reconnect_max", "5s"),
                        tuple(6, "collectors.mqtt[3].tls.ca_file", "ca.pem"),
                        tuple(6, "collectors.mqtt[3].url", "tcp://127.0.0.1:1883"));
        assertThat(problems.get(5).expected()).endsWith("not found at /etc/minewatch/ca.pem");
        assertThat(problems.get(6).expected()).isEqualTo("an ssl:// URL, since tls is set");
    }

    @Test
    void rejectsTwoCollectorsWithOneClientIdOnOneBroker() {
        List<ConfigProblem> problems = problems("""
                collectors:
                  mqtt:
                    - { name: a, url: "tcp://127.0.0.1:1883", client_id: gw }
                    - { name: b, url: "tcp://127.0.0.1:1883", client_id: gw }
                    - { name: c, url: "tcp://127.0.0.1:1884", client_id: gw }
                """ + MINIMAL_SITES);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("collectors.mqtt[1].client_id");
            assertThat(problem.value()).isEqualTo("gw");
        });
    }

    @Test
    void resolvesRelativePathsAgainstTheConfigurationFilesDirectory(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("tls"));
        Files.writeString(dir.resolve("tls/ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Path file = dir.resolve("minewatch.yaml");
        Files.writeString(file, """
                collectors:
                  mqtt:
                    - { name: a, url: "ssl://broker:8883", tls: { ca_file: tls/ca.pem } }
                storage:
                  local: { path: store }
                """ + MINIMAL_SITES);

        MinewatchConfig config = loader.read(file);

        assertThat(config.source()).isEqualTo(file);
        assertThat(config.mqttCollectors().get(0).tls().caFile()).isEqualTo(dir.resolve("tls/ca.pem"));
        assertThat(config.storage().local().path()).isEqualTo(dir.resolve("store"));
    }

    @Test
    void reportsAMissingFileAsAProblem(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.read(missing));

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(missing);
            assertThat(problem.expected()).startsWith("a readable configuration file (NoSuchFileException");
        });
    }

    @Test
    void reportsAYamlSyntaxErrorWithItsLine() {
        List<ConfigProblem> problems = problems("""
                http:
                  port: 8080
                 bind: [127.0.0.1
                sites: []
                """);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.expected()).startsWith("well-formed YAML");
        });
    }

    @Test
    void reportsAnEmptyFileAndANonMappingDocument() {
        assertThat(problems("# nothing\n")).singleElement().extracting(ConfigProblem::expected)
                .isEqualTo("a configuration with at least a sites: list (the file is empty)");
        assertThat(problems("- a\n- b\n")).singleElement().extracting(ConfigProblem::value).isEqualTo("<a list>");
    }

    @Test
    void reportsARepeatedKey() {
        List<ConfigProblem> problems = problems("""
                http:
                  port: 8080
                  port: 8081
                """ + MINIMAL_SITES);

        assertThat(problems).singleElement().isEqualTo(new ConfigProblem(FILE, 3, "http.port", "port",
                "each key once (first given on line 2)"));
    }

    @Test
    void reportsAListWhereAValueBelongs() {
        List<ConfigProblem> problems = problems("""
                sites:
                  - id: [CM01]
                    type: coal_mine
                """);

        assertThat(problems).singleElement().isEqualTo(new ConfigProblem(FILE, 2, "sites[0].id", "<a list>",
                MappingReader.IDENTIFIER_EXPECTED));
    }

    @Test
    void readsFromAStringNamedForMessagesThroughTheStaticEntryPoint() {
        MinewatchConfig config = ConfigLoader.load(MINIMAL_SITES, Path.of("demo.yaml"));

        assertThat(config.source()).isEqualTo(Path.of("demo.yaml"));
        assertThat(config.storage().local().path()).isEqualTo(Path.of("").toAbsolutePath().resolve("data"));
    }

    @Test
    void loadsOneHundredThousandSensors() {
        StringBuilder yaml = new StringBuilder("sites:\n  - id: CM01\n    type: coal_mine\n    sensors:\n");
        for (int i = 0; i < 100_000; i++) {
            yaml.append("      - { id: CM01-CH4-").append(i)
                    .append(", kind: ch4, location: \"roadway ").append(i).append("\", profile: coal_ch4_intake }\n");
        }

        MinewatchConfig config = load(yaml.toString());

        assertThat(config.sensorsById()).hasSize(100_000);
        assertThat(config.sensorsById().get("CM01-CH4-99999").profile().name()).isEqualTo("coal_ch4_intake");
    }
}
