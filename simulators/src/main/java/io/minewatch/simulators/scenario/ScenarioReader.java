package io.minewatch.simulators.scenario;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.quantity.Unit;
import io.minewatch.config.sites.SiteType;
import io.minewatch.simulators.scenario.Scenario.Sensor;
import io.minewatch.simulators.scenario.Scenario.Site;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and validates a scenario file (format: README "Scenarios"). Every problem is collected in one pass and
 * thrown together as a {@link ScenarioException}, each naming the file, line, key, value and what was expected.
 */
public final class ScenarioReader {

    /** The kinds a scenario can simulate, each with its model. */
    public static final List<Kind> SIMULATED_KINDS = List.of(Kind.CH4, Kind.CO, Kind.O2, Kind.DUST, Kind.RAINFALL,
            Kind.WATER_LEVEL, Kind.PHREATIC_LINE, Kind.DISPLACEMENT);
    public static final List<String> EVENTS = List.of("gas_outburst", "ventilation_change", "fire", "rainstorm",
            "slope_acceleration", "sensor_offline", "sensor_stuck", "sensor_drift", "calibration");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final String ID_EXPECTED = "an id matching [A-Za-z0-9][A-Za-z0-9_.-]*";
    private static final List<String> TOP = List.of("name", "description", "seed", "speed", "duration", "period",
            "weather", "sites", "events");
    private static final List<String> SITE = List.of("id", "type", "name", "sensors");
    private static final List<String> SENSOR = List.of("id", "kind", "unit", "decimals", "location", "profile", "via",
            "baseline", "creep_mm_per_day", "seasonal");
    private static final Map<String, List<String>> EVENT_KEYS = Map.of(
            "gas_outburst", List.of("at", "event", "sensor", "peak", "rise", "decay"),
            "ventilation_change", List.of("at", "event", "sensor", "airflow", "settle"),
            "fire", List.of("at", "event", "co_sensor", "o2_sensor", "develop", "peak_co", "o2_drop"),
            "rainstorm", List.of("at", "event", "site", "for", "peak"),
            "slope_acceleration", List.of("at", "event", "sensor", "failure_after", "onset_velocity"),
            "sensor_offline", List.of("at", "event", "sensor", "for"),
            "sensor_stuck", List.of("at", "event", "sensor", "for"),
            "sensor_drift", List.of("at", "event", "sensor", "for", "per_hour"),
            "calibration", List.of("at", "event", "sensor", "for", "value", "every", "length"));

    private ScenarioReader() {
    }

    public static Scenario read(Path file) throws IOException {
        return read(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Reads {@code yaml}, naming {@code file} in problems. */
    public static Scenario read(Path file, String yaml) {
        Fields.Problems problems = new Fields.Problems(file);
        Node root;
        try (Reader reader = new StringReader(yaml)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            problems.add(null, "", e.getProblem(), "valid YAML (line " + (e.getProblemMark().getLine() + 1) + ")");
            throw new ScenarioException(problems.list());
        } catch (YAMLException | IOException e) {
            problems.add(null, "", e.getMessage(), "valid YAML");
            throw new ScenarioException(problems.list());
        }
        if (root == null) {
            problems.add(null, "", "", "a scenario: the file is empty");
            throw new ScenarioException(problems.list());
        }
        Scenario scenario = new ScenarioReader.Pass(problems).scenario(root);
        if (!problems.list().isEmpty()) {
            throw new ScenarioException(problems.list());
        }
        return scenario;
    }

    /** One read of one file. */
    private static final class Pass {
        private final Fields.Problems problems;
        private final Map<String, Sensor> sensors = new HashMap<>();
        private final Map<String, Site> sites = new HashMap<>();

        Pass(Fields.Problems problems) {
            this.problems = problems;
        }

        Scenario scenario(Node root) {
            Fields top = new Fields(problems, "", root, TOP);
            String name = top.string("name", true).orElse("?");
            String description = top.string("description", false).orElse("");
            long seed = top.number("seed", false, -9.007e15, 9.007e15).map(Double::longValue).orElse(1L);
            double speed = top.number("speed", false, 0.001, 100_000).orElse(1.0);
            Duration duration = top.duration("duration", true).orElse(Duration.ofMinutes(1));
            if (duration.isZero()) {
                top.problem("duration", "0", "a duration above 0");
            }
            Duration period = top.duration("period", false).orElse(Duration.ofSeconds(1));
            if (period.toMillis() < 10) {
                top.problem("period", period.toMillis() + "ms", "at least 10ms");
            }
            Scenario.Weather weather = top.choice("weather", false, List.of("dry", "showers"))
                    .map(w -> Scenario.Weather.valueOf(w.toUpperCase(Locale.ROOT))).orElse(Scenario.Weather.DRY);
            List<Site> siteList = new ArrayList<>();
            List<Node> siteNodes = top.sequence("sites", true);
            for (int i = 0; i < siteNodes.size(); i++) {
                site(siteNodes.get(i), "sites[" + i + "]").ifPresent(siteList::add);
            }
            if (siteNodes.isEmpty() && top.has("sites")) {
                top.problem("sites", "[]", "at least one site");
            }
            List<ScenarioEvent> events = new ArrayList<>();
            List<Node> eventNodes = top.sequence("events", false);
            for (int i = 0; i < eventNodes.size(); i++) {
                event(eventNodes.get(i), "events[" + i + "]", duration).ifPresent(events::add);
            }
            return new Scenario(name, description, seed, speed, duration, period, weather, siteList, events);
        }

        Optional<Site> site(Node node, String path) {
            Fields f = new Fields(problems, path, node, SITE);
            Optional<String> id = id(f, "id");
            Optional<String> type = f.choice("type", true,
                    Arrays.stream(SiteType.values()).map(SiteType::id).toList());
            f.string("name", false);
            List<Sensor> list = new ArrayList<>();
            List<Node> nodes = f.sequence("sensors", true);
            for (int i = 0; i < nodes.size(); i++) {
                sensor(nodes.get(i), path + ".sensors[" + i + "]").ifPresent(list::add);
            }
            if (id.isEmpty() || type.isEmpty()) {
                return Optional.empty();
            }
            if (sites.containsKey(id.get())) {
                f.problem("id", id.get(), "each site id once in the scenario");
            }
            Site site = new Site(id.get(), type.get(), list);
            sites.put(site.id(), site);
            return Optional.of(site);
        }

        Optional<Sensor> sensor(Node node, String path) {
            Fields f = new Fields(problems, path, node, SENSOR);
            Optional<String> id = id(f, "id");
            Optional<Kind> kind = f.choice("kind", true, SIMULATED_KINDS.stream().map(Kind::id).toList())
                    .flatMap(Kind::byId);
            Optional<Unit> unit = f.string("unit", false).flatMap(symbol -> {
                Optional<Unit> found = Unit.bySymbol(symbol);
                if (found.isEmpty() || kind.isPresent() && !found.get().convertibleTo(kind.get().canonicalUnit())) {
                    f.problem("unit", symbol, kind.map(k -> "a unit of " + k.id() + " like " + k.canonicalUnit()
                            .symbol()).orElse("a known unit"));
                    return Optional.empty();
                }
                return found;
            });
            int decimals = f.number("decimals", false, 0, 9).map(Double::intValue).orElse(2);
            String location = f.string("location", false).orElse("");
            Optional<String> profile = f.string("profile", false);
            Scenario.Transport via = f.choice("via", false, List.of("mqtt", "opcua"))
                    .map(v -> Scenario.Transport.valueOf(v.toUpperCase(Locale.ROOT))).orElse(Scenario.Transport.MQTT);
            Optional<Double> baseline = Optional.empty();
            if (f.has("baseline")) {
                if (kind.isPresent() && kind.get() != Kind.CH4) {
                    f.problem("baseline", f.string("baseline", false).orElse(""),
                            "no baseline: only a ch4 sensor takes one (its resting % by volume)");
                } else {
                    baseline = f.number("baseline", false, 0.1, 0.6);
                }
            }
            double creep = f.number("creep_mm_per_day", false, -1_000, 1_000).orElse(0.5);
            double seasonal = f.number("seasonal", false, 0, 1).orElse(0.2);
            if (id.isEmpty() || kind.isEmpty()) {
                return Optional.empty();
            }
            if (sensors.containsKey(id.get())) {
                f.problem("id", id.get(), "each sensor id once in the scenario");
            }
            Sensor sensor = new Sensor(id.get(), kind.get(), unit.orElse(kind.get().canonicalUnit()), decimals,
                    location, profile, via, baseline, creep, seasonal);
            sensors.put(sensor.id(), sensor);
            return Optional.of(sensor);
        }

        Optional<ScenarioEvent> event(Node node, String path, Duration scenarioDuration) {
            Optional<String> type = typeOf(node);
            if (type.isEmpty() || !EVENT_KEYS.containsKey(type.get())) {
                // Only the event name is checked until it is known: the keys allowed depend on it.
                new Fields(problems, path, node, allEventKeys()).choice("event", true, EVENTS);
                return Optional.empty();
            }
            Fields checked = new Fields(problems, path, node, EVENT_KEYS.get(type.get()));
            Optional<Duration> at = checked.duration("at", true);
            at.filter(a -> a.compareTo(scenarioDuration) > 0).ifPresent(a -> checked.problem("at", format(a),
                    "a time within the scenario's duration " + format(scenarioDuration)));
            if (at.isEmpty()) {
                return Optional.empty();
            }
            Duration when = at.get();
            // Every key is read before the event is built, so that one pass reports all of an event's problems.
            Optional<ScenarioEvent> event = switch (type.get()) {
                case "gas_outburst" -> {
                    Optional<String> sensor = sensorOf(checked, "sensor", Kind.CH4);
                    double peak = checked.number("peak", true, 0.01, 100).orElse(1.0);
                    Duration rise = positive(checked, "rise", Duration.ofSeconds(15));
                    Duration decay = positive(checked, "decay", Duration.ofMinutes(2));
                    yield sensor.map(s -> new ScenarioEvent.GasOutburst(when, s, peak, rise, decay));
                }
                case "ventilation_change" -> {
                    Optional<String> sensor = sensorOf(checked, "sensor", Kind.CH4);
                    double airflow = checked.number("airflow", true, 0.05, 20).orElse(1.0);
                    Duration settle = checked.duration("settle", false).orElse(Duration.ofMinutes(1));
                    yield sensor.map(s -> new ScenarioEvent.VentilationChange(when, s, airflow, settle));
                }
                case "fire" -> fire(checked, when);
                case "rainstorm" -> {
                    Optional<String> site = siteOf(checked);
                    Duration length = positive(checked, "for", Duration.ofHours(1));
                    double peak = checked.number("peak", false, 0.1, 50).orElse(3.0);
                    yield site.map(id -> new ScenarioEvent.Rainstorm(when, id, length, peak));
                }
                case "slope_acceleration" -> {
                    Optional<String> sensor = sensorOf(checked, "sensor", Kind.DISPLACEMENT);
                    Duration failureAfter = requiredAtLeast(checked, "failure_after", Duration.ofMinutes(3));
                    double velocity = checked.number("onset_velocity", false, 0.01, 1_000).orElse(5.0);
                    yield sensor.map(s -> new ScenarioEvent.SlopeAcceleration(when, s, failureAfter, velocity));
                }
                default -> fault(checked, type.get(), when);
            };
            return event;
        }

        private static Optional<String> typeOf(Node node) {
            if (node instanceof org.yaml.snakeyaml.nodes.MappingNode mapping) {
                return mapping.getValue().stream()
                        .filter(t -> t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k
                                && k.getValue().equals("event"))
                        .map(t -> t.getValueNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode v ? v.getValue() : "")
                        .findFirst();
            }
            return Optional.empty();
        }

        private List<String> allEventKeys() {
            return EVENT_KEYS.values().stream().flatMap(List::stream).distinct().toList();
        }

        Optional<ScenarioEvent> fire(Fields f, Duration at) {
            Optional<String> co = f.has("co_sensor") ? sensorOf(f, "co_sensor", Kind.CO) : Optional.empty();
            Optional<String> o2 = f.has("o2_sensor") ? sensorOf(f, "o2_sensor", Kind.O2) : Optional.empty();
            if (!f.has("co_sensor") && !f.has("o2_sensor")) {
                f.problem("co_sensor", "", "co_sensor, o2_sensor or both: the sensors that see the fire");
                return Optional.empty();
            }
            return Optional.of(new ScenarioEvent.Fire(at, co, o2, positive(f, "develop", Duration.ofHours(1)),
                    f.number("peak_co", false, 1, 10_000).orElse(400.0), f.number("o2_drop", false, 0, 20).orElse(3.0)));
        }

        Optional<ScenarioEvent> fault(Fields f, String type, Duration at) {
            Optional<String> sensor = sensorOf(f, "sensor", null);
            Duration length = positive(f, "for", Duration.ofMinutes(5));
            double perHour = type.equals("sensor_drift") ? f.number("per_hour", true, -1e6, 1e6).orElse(0.0) : 0.0;
            double value = type.equals("calibration") ? f.number("value", true, -1e6, 1e6).orElse(0.0) : 0.0;
            Duration every = type.equals("calibration") ? positive(f, "every", Duration.ofMinutes(10)) : Duration.ZERO;
            Duration spike = type.equals("calibration") ? positive(f, "length", Duration.ofMinutes(1)) : Duration.ZERO;
            if (spike.compareTo(every) > 0) {
                f.problem("length", format(spike), "at most every (" + format(every) + ")");
            }
            return sensor.map(s -> new ScenarioEvent.Fault(at, type, s, length, perHour, value, every, spike));
        }

        Optional<String> id(Fields f, String key) {
            return f.string(key, true).flatMap(id -> {
                if (ID.matcher(id).matches()) {
                    return Optional.of(id);
                }
                f.problem(key, id, ID_EXPECTED);
                return Optional.empty();
            });
        }

        /** A sensor id declared above; of {@code kind} unless null. */
        Optional<String> sensorOf(Fields f, String key, Kind kind) {
            return f.string(key, true).flatMap(id -> {
                Sensor sensor = sensors.get(id);
                if (sensor == null) {
                    f.problem(key, id, "a sensor declared under sites: one of " + sensors.keySet().stream().sorted()
                            .toList());
                    return Optional.empty();
                }
                if (kind != null && sensor.kind() != kind) {
                    f.problem(key, id, "a " + kind.id() + " sensor (" + id + " is " + sensor.kind().id() + ")");
                    return Optional.empty();
                }
                return Optional.of(id);
            });
        }

        Optional<String> siteOf(Fields f) {
            return f.string("site", true).flatMap(id -> {
                if (!sites.containsKey(id)) {
                    f.problem("site", id, "a site declared under sites: one of " + sites.keySet().stream().sorted()
                            .toList());
                    return Optional.empty();
                }
                return Optional.of(id);
            });
        }

        Duration requiredAtLeast(Fields f, String key, Duration minimum) {
            if (!f.has(key)) {
                f.problem(key, "", "a duration: " + key + " is required here");
                return minimum;
            }
            return atLeast(f, key, minimum, minimum);
        }

        Duration positive(Fields f, String key, Duration fallback) {
            return atLeast(f, key, Duration.ofMillis(1), fallback);
        }

        Duration atLeast(Fields f, String key, Duration minimum, Duration fallback) {
            Optional<Duration> value = f.duration(key, false);
            if (value.isPresent() && value.get().compareTo(minimum) < 0) {
                f.problem(key, format(value.get()), "at least " + format(minimum));
                return fallback;
            }
            return value.orElse(fallback);
        }
    }

    /** A duration as scenario files write it: 90s, 5m, 3h, 2d. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
