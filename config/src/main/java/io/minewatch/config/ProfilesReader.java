package io.minewatch.config;

import io.minewatch.config.MappingReader.Entry;
import io.minewatch.config.MappingReader.Item;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Direction;
import io.minewatch.config.rules.Level;
import io.minewatch.config.rules.LevelThreshold;
import io.minewatch.config.rules.Profile;
import io.minewatch.config.rules.Rule;
import io.minewatch.config.rules.Signal;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code profiles:}, a site's own threshold profiles by name. A name may not shadow a built-in profile.
 * Thresholds are in the kind's canonical unit; the invariants of {@link Rule} (hysteresis on the safe side, entries
 * not getting safer as severity rises) are reported as problems at the offending level.
 */
final class ProfilesReader {

    /** Rule ids the gateway's own conditions use (the sensor fault raised by consecutive bad readings). */
    static final java.util.Set<String> RESERVED_RULE_IDS = java.util.Set.of("sensor_fault");

    static final String KINDS_EXPECTED = "one of " + Arrays.stream(Kind.values()).map(Kind::id)
            .collect(Collectors.joining(", "));

    /** A level the Rule constructor rejected: {@code rule ID level NAME enter|exit : VALUE (expected: ...)}. */
    private static final Pattern LEVEL_MESSAGE =
            Pattern.compile("rule \\S+ level (\\S+) (enter|exit) : (\\S+) \\(expected: (.*)\\)", Pattern.DOTALL);
    private static final Pattern MESSAGE = Pattern.compile("(.*?) : (.*) \\(expected: (.*)\\)", Pattern.DOTALL);

    /**
     * @param profiles the valid profiles by name
     * @param declared every name declared in the file, valid or not, so that sensors naming a broken profile are not
     *                 reported a second time
     */
    record Result(Map<String, Profile> profiles, Set<String> declared) {
    }

    private ProfilesReader() {
    }

    static Result read(Optional<MappingReader> section, Set<String> builtIn) {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        if (section.isEmpty()) {
            return new Result(profiles, Set.of());
        }
        MappingReader all = section.get();
        ParseContext context = all.context();
        for (Entry entry : all.entries()) {
            String name = entry.key();
            String path = all.path(name);
            if (!MappingReader.IDENTIFIER.matcher(name).matches()) {
                context.problem(entry.keyNode(), path, name, "a profile name matching [A-Za-z0-9][A-Za-z0-9_.-]*");
                continue;
            }
            if (builtIn.contains(name)) {
                context.problem(entry.keyNode(), path, name, "a name that is not a built-in profile's (use another"
                        + " name, such as site_" + name + ", and point the sensors at it)");
                continue;
            }
            context.mapping(entry.value(), path, "kind", "description", "source", "rules")
                    .flatMap(reader -> profile(name, reader))
                    .ifPresent(profile -> profiles.put(name, profile));
        }
        Set<String> declared = all.entries().stream().map(Entry::key).collect(Collectors.toSet());
        return new Result(profiles, declared);
    }

    private static Optional<Profile> profile(String name, MappingReader reader) {
        ParseContext context = reader.context();
        int before = context.problemCount();
        Optional<Kind> kind = reader.choice("kind", Kind::byId, KINDS_EXPECTED, true);
        String description = reader.string("description").orElse(null);
        String source = reader.string("source")
                .orElse("configuration " + context.file() + " line " + reader.line());
        if (!reader.has("rules")) {
            reader.missing("rules", "a list of at least one rule (required)");
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, Item> ruleIds = new HashMap<>();
        List<Item> items = reader.mappings("rules", "id", "direction", "signal", "window", "per", "min_duration",
                "levels");
        if (isEmptyList(reader, "rules")) {
            reader.reject("rules", "a list of at least one rule");
        }
        for (Item item : items) {
            MappingReader rule = item.reader();
            int ruleBefore = context.problemCount();
            rule.identifier("id", true).ifPresent(id -> {
                Item first = ruleIds.putIfAbsent(id, item);
                if (RESERVED_RULE_IDS.contains(id)) {
                    rule.reject("id", "a rule id other than " + RESERVED_RULE_IDS
                            + ", which the gateway uses for its built-in sensor-fault alarm");
                } else if (first != null) {
                    rule.reject("id", "a rule id used once in the profile (also " + first.reader().path() + ")");
                }
            });
            rule(rule, kind, ruleBefore).ifPresent(rules::add);
        }
        if (context.problemCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new Profile(name, kind.orElseThrow(), description, source, rules));
    }

    /** @param before the problem count before this rule's id was read */
    private static Optional<Rule> rule(MappingReader rule, Optional<Kind> kind, int before) {
        ParseContext context = rule.context();
        Optional<Direction> direction = rule.choice("direction", ProfilesReader::direction,
                "above or below: the side of the thresholds that is dangerous", true);
        Signal.Type type = rule.choice("signal", ProfilesReader::signalType, "value or rate", false)
                .orElse(Signal.Type.VALUE);
        Duration window = rule.duration("window", true).orElse(null);
        Duration per = rule.duration("per", true).orElse(null);
        if (type == Signal.Type.RATE) {
            if (!rule.has("window")) {
                rule.missing("window", "the span a rate is measured over, such as 6h (required with signal: rate)");
            }
            if (!rule.has("per")) {
                rule.missing("per", "the time unit of the rate, such as 1d for mm/day (required with signal: rate)");
            }
        } else {
            rule.reject("window", "no window: only a rule with signal: rate has one");
            rule.reject("per", "no per: only a rule with signal: rate has one");
        }
        Duration minDuration = rule.duration("min_duration", false).orElse(Duration.ZERO);
        List<Item> levelItems = rule.mappings("levels", "name", "level", "enter", "exit");
        if (!rule.has("levels")) {
            rule.missing("levels", "a list of at least one level (required)");
        } else if (isEmptyList(rule, "levels")) {
            rule.reject("levels", "a list of at least one level");
        }
        List<LevelThreshold> levels = new ArrayList<>();
        Map<String, Item> names = new HashMap<>();
        Map<Level, Item> warnings = new HashMap<>();
        for (Item item : levelItems) {
            level(item, type == Signal.Type.VALUE ? kind : Optional.empty(), names, warnings).ifPresent(levels::add);
        }
        if (context.problemCount() > before) {
            return Optional.empty();
        }
        try {
            Signal signal = type == Signal.Type.RATE ? Signal.rate(window, per) : Signal.VALUE;
            return Optional.of(new Rule(rule.string("id").orElseThrow(), signal, direction.orElseThrow(), levels,
                    minDuration));
        } catch (IllegalArgumentException e) {
            reportRejected(rule, levelItems, e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<LevelThreshold> level(Item item, Optional<Kind> valueKind, Map<String, Item> names,
            Map<Level, Item> warnings) {
        MappingReader level = item.reader();
        ParseContext context = level.context();
        int before = context.problemCount();
        Optional<Level> warning = level.choice("level", Level::byId, "blue, yellow, orange or red", true);
        warning.ifPresent(w -> {
            Item first = warnings.putIfAbsent(w, item);
            if (first != null) {
                level.reject("level", "each warning level at most once in a rule (" + w.id() + " also at "
                        + first.reader().path() + ")");
            }
        });
        Optional<String> name = level.has("name") ? level.identifier("name", true) : warning.map(Level::id);
        name.ifPresent(n -> {
            Item first = names.putIfAbsent(n, item);
            if (first != null) {
                level.context().problem(level.line(), level.path("name"), n,
                        "a level name used once in a rule (also " + first.reader().path() + ")");
            }
        });
        OptionalDouble enter = level.number("enter", true);
        OptionalDouble exit = level.number("exit", false);
        valueKind.ifPresent(kind -> {
            checkPhysicalRange(level, "enter", enter, kind);
            checkPhysicalRange(level, "exit", exit, kind);
        });
        if (context.problemCount() > before) {
            return Optional.empty();
        }
        double enterValue = enter.orElseThrow();
        return Optional.of(new LevelThreshold(name.orElseThrow(), warning.orElseThrow(), enterValue,
                exit.orElse(enterValue)));
    }

    /** A threshold a working sensor can never reach would silently never fire (a ppm figure under a % kind, say). */
    private static void checkPhysicalRange(MappingReader level, String key, OptionalDouble value, Kind kind) {
        if (value.isPresent() && (value.getAsDouble() < kind.physicalMin() || value.getAsDouble() > kind.physicalMax())) {
            level.reject(key, "a value within " + kind.id() + "'s physical range " + plain(kind.physicalMin()) + ".."
                    + plain(kind.physicalMax()) + " " + kind.canonicalUnit().symbol()
                    + " (thresholds are in the kind's unit, " + kind.canonicalUnit().symbol() + ")");
        }
    }

    private static void reportRejected(MappingReader rule, List<Item> levelItems, String message) {
        ParseContext context = rule.context();
        Matcher level = LEVEL_MESSAGE.matcher(message);
        if (level.matches()) {
            for (Item item : levelItems) {
                MappingReader reader = item.reader();
                String name = reader.string("name").orElseGet(() -> reader.string("level").orElse(""))
                        .toLowerCase(Locale.ROOT);
                if (name.equals(level.group(1).toLowerCase(Locale.ROOT)) && reader.has(level.group(2))) {
                    reader.reject(level.group(2), level.group(4));
                    return;
                }
            }
            // exit defaulted to enter, so there is no node for it: the level's own line will do
        }
        Matcher generic = MESSAGE.matcher(message);
        if (generic.matches()) {
            context.problem(rule.line(), rule.path(), generic.group(2), generic.group(1) + ": " + generic.group(3));
        } else {
            context.problem(rule.line(), rule.path(), "", message);
        }
    }

    private static boolean isEmptyList(MappingReader reader, String key) {
        return reader.node(key).filter(node -> node instanceof SequenceNode list && list.getValue().isEmpty())
                .isPresent();
    }

    private static Optional<Direction> direction(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "above" -> Optional.of(Direction.ABOVE);
            case "below" -> Optional.of(Direction.BELOW);
            default -> Optional.empty();
        };
    }

    private static Optional<Signal.Type> signalType(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "value" -> Optional.of(Signal.Type.VALUE);
            case "rate" -> Optional.of(Signal.Type.RATE);
            default -> Optional.empty();
        };
    }

    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
