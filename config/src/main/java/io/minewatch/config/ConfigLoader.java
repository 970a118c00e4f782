package io.minewatch.config;

import io.minewatch.config.access.AccessConfig;
import io.minewatch.config.rules.DefaultProfiles;
import io.minewatch.config.rules.Profile;
import io.minewatch.config.sites.SensorConfig;
import io.minewatch.config.sites.SiteConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a minewatch YAML configuration into a validated {@link MinewatchConfig}, finding every problem in one pass.
 *
 * <p>Top-level keys: {@code http}, {@code collectors}, {@code storage}, {@code pipeline}, {@code alarms},
 * {@code alarm_handling}, {@code profiles}, {@code sites}, {@code journal}, {@code uplink}, {@code users}, {@code conditions}
 * (only {@code sites} is required); docs/configuration.md describes each. A file with problems throws a
 * {@link ConfigException} listing all of them, each with its file, line, dotted key, value and what was expected;
 * unknown keys get a "did you mean" for near misses.
 *
 * <p>Scalar values may contain {@code ${NAME}} placeholders taken from the environment (for passwords); an unset one
 * is a problem naming the variable. Relative paths resolve against the file's directory. Durations are written
 * {@code 250ms}, {@code 5s}, {@code 5m}, {@code 6h}, {@code 1d} or ISO-8601 ({@code PT5S}).
 *
 * <pre>{@code
 * MinewatchConfig config = ConfigLoader.load(Path.of("minewatch.yaml"));
 * }</pre>
 */
public final class ConfigLoader {

    /** The largest configuration read: about a million sensors. */
    static final int MAX_CODE_POINTS = 256 * 1024 * 1024;

    private static final List<String> TOP_LEVEL_KEYS =
            List.of("http", "collectors", "storage", "pipeline", "alarms", "profiles", "sites", "journal", "uplink",
                    "alarm_handling", "users", "conditions");

    private final Function<String, String> environment;

    /** @param environment looks up {@code ${NAME}} placeholders; returns null for an unset name */
    public ConfigLoader(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Reads {@code file}, with placeholders taken from the process environment. */
    public static MinewatchConfig load(Path file) {
        return new ConfigLoader(System::getenv).read(file);
    }

    /**
     * Reads configuration text, with placeholders taken from the process environment.
     *
     * @param nameForMessages how problems name the file; relative paths in the text resolve against its directory
     */
    public static MinewatchConfig load(String yaml, Path nameForMessages) {
        return new ConfigLoader(System::getenv).read(yaml, nameForMessages);
    }

    /** Reads {@code file} (UTF-8). */
    public MinewatchConfig read(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(new ConfigProblem(file, 0, "", "", "a file encoded in UTF-8")));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(file, 0, "", "",
                    "a readable configuration file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")")));
        }
        return read(text, file);
    }

    /** Reads configuration text; {@code nameForMessages} names it in problems and anchors its relative paths. */
    public MinewatchConfig read(String yaml, Path nameForMessages) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(nameForMessages, "nameForMessages");
        ParseContext context = new ParseContext(nameForMessages, environment);
        Node document = compose(yaml, context);
        if (document == null && !context.hasProblems()) {
            context.problem(0, "", "", "a configuration with at least a sites: list (the file is empty)");
        }
        MinewatchConfig config = null;
        try {
            config = document == null ? null : context.mapping(document, "", TOP_LEVEL_KEYS.toArray(String[]::new))
                    .map(root -> build(root, context, nameForMessages)).orElse(null);
        } catch (RuntimeException e) {
            // A record refused a value the readers let through (a gap in the readers): still reported, never a crash.
            context.problem(0, "", "", "a valid configuration (" + e + ")");
        }
        if (context.hasProblems() || config == null) {
            throw new ConfigException(context.problems());
        }
        return config;
    }

    private static Node compose(String yaml, ParseContext context) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        // SnakeYAML stops at 3 MiB by default; a provincial platform registers hundreds of thousands of sensors.
        options.setCodePointLimit(MAX_CODE_POINTS);
        try {
            return new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            context.problem(mark == null ? 0 : mark.getLine() + 1, "", firstLine(e.getProblem()),
                    "well-formed YAML" + (e.getContext() == null ? "" : " (" + firstLine(e.getContext()) + ")"));
        } catch (YAMLException e) {
            context.problem(0, "", firstLine(e.getMessage()), "well-formed YAML with a single document");
        }
        return null;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static MinewatchConfig build(MappingReader root, ParseContext context, Path source) {
        Optional<MappingReader> httpSection = root.mapping("http", "bind", "port", "tls", "session_ttl");
        HttpConfig http = httpSection.map(ServiceReader::http).orElse(null);
        AccessConfig access = AccessReader.read(root, httpSection);
        StorageConfig storage = ServiceReader.storage(root.mapping("storage", "influxdb", "local"), context);
        Path defaultPkiDir = storage.local().path().resolve("opcua");
        AlarmOutputConfig alarms = root.mapping("alarms", "mqtt", "topic_prefix").map(ServiceReader::alarms)
                .orElse(null);
        CollectorsReader.Collectors collectors = root.mapping("collectors", "mqtt", "opcua")
                .map(c -> CollectorsReader.read(c, defaultPkiDir, alarms)).orElse(CollectorsReader.Collectors.NONE);
        PipelineConfig pipeline = root.mapping("pipeline", "event_loops", "max_in_flight", "max_future_skew")
                .map(ServiceReader::pipeline).orElse(null);
        UplinkConfig uplink = UplinkReader.read(root);

        Map<String, Profile> builtIn = DefaultProfiles.all();
        ProfilesReader.Result own = ProfilesReader.read(root.freeMapping("profiles",
                "a mapping of profile names to profiles"), builtIn.keySet());
        Map<String, Profile> profiles = new LinkedHashMap<>(builtIn);
        profiles.putAll(own.profiles());
        List<SiteConfig> sites = new SitesReader(context, profiles, own.declared()).read(root);
        OpcUaCollectorsReader.checkSensors(context, collectors.opcua().sensors(), registered(sites));
        AlarmHandlingConfig alarmHandling = root.mapping("alarm_handling", AlarmHandlingReader.KEYS)
                .map(section -> AlarmHandlingReader.read(section, sites)).orElse(null);
        ConditionsConfig conditions = ConditionsReader.read(root.mapping("conditions", "kinds", "sensors",
                "maintenance", "forecast"), registered(sites));

        if (context.hasProblems()) {
            return null;
        }
        return new MinewatchConfig(source, http, collectors.mqtt(), collectors.opcua().collectors(), storage, pipeline,
                alarms, sites, profiles, uplink, alarmHandling, access, conditions);
    }

    private static Map<String, SensorConfig> registered(List<SiteConfig> sites) {
        Map<String, SensorConfig> byId = new LinkedHashMap<>();
        for (SiteConfig site : sites) {
            for (SensorConfig sensor : site.sensors()) {
                byId.putIfAbsent(sensor.id(), sensor);
            }
        }
        return byId;
    }

    /** The problems of a text without throwing: empty when it is valid. For editors and tests. */
    public List<ConfigProblem> problems(String yaml, Path nameForMessages) {
        try {
            read(yaml, nameForMessages);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }
}
