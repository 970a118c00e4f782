package io.minewatch.config;

import io.minewatch.config.rules.Profile;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a what-if rule set: YAML (or JSON, which is YAML) with the {@code profiles:} section of the configuration
 * format, and optionally {@code sensors:}, a mapping of sensor id to profile name.
 *
 * <pre>{@code
 * profiles:
 *   coal_ch4_working_face:        # same name as a built-in or configured profile: replaces it in the what-if
 *     kind: ch4
 *     rules:
 *       - id: ch4_limit
 *         direction: above
 *         levels:
 *           - { name: alarm, level: orange, enter: 0.8, exit: 0.7 }
 *           - { name: power_cut, level: red, enter: 1.5, exit: 1.0 }
 * sensors:
 *   CM01-CH4-T2: coal_ch4_working_face
 * }</pre>
 *
 * Unlike the configuration, a profile here may take a built-in's name: replacing it is the point. Every problem is
 * reported at once, as by {@link ConfigLoader}; a sensor pointed at a profile that is neither proposed nor in
 * {@code known} is one.
 */
public final class ProposedRulesLoader {

    private ProposedRulesLoader() {
    }

    /** Reads {@code file}; {@code known} names the profiles of the current configuration. */
    public static ProposedRules load(Path file, Set<String> known) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(file, 0, "", "",
                    "a readable rules file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")")));
        }
        return read(text, file, known);
    }

    /** Reads rule-set text; {@code nameForMessages} names it in problems. */
    public static ProposedRules read(String yaml, Path nameForMessages, Set<String> known) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(known, "known");
        ParseContext context = new ParseContext(nameForMessages, name -> null);
        Node document = compose(yaml, context);
        Map<String, Profile> profiles = new LinkedHashMap<>();
        Map<String, String> sensors = new LinkedHashMap<>();
        if (document == null && !context.hasProblems()) {
            context.problem(0, "", "", "a rule set with a profiles: mapping (the text is empty)");
        }
        if (document != null) {
            context.mapping(document, "", "profiles", "sensors").ifPresent(root -> {
                if (!root.has("profiles") && !root.has("sensors")) {
                    root.missing("profiles", "a mapping of profile names to profiles");
                }
                profiles.putAll(ProfilesReader.read(root.freeMapping("profiles",
                        "a mapping of profile names to profiles"), Set.of()).profiles());
                root.freeMapping("sensors", "a mapping of sensor ids to profile names").ifPresent(map -> {
                    for (MappingReader.Entry entry : map.entries()) {
                        map.scalar(entry.key(), "a profile name").ifPresent(name -> {
                            if (!profiles.containsKey(name.text()) && !known.contains(name.text())) {
                                map.report(entry.key(), name, "a profile proposed here or configured");
                            } else {
                                sensors.put(entry.key(), name.text());
                            }
                        });
                    }
                });
            });
        }
        if (context.hasProblems()) {
            throw new ConfigException(context.problems());
        }
        return new ProposedRules(profiles, sensors);
    }

    private static Node compose(String yaml, ParseContext context) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        try {
            return new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            context.problem(mark == null ? 0 : mark.getLine() + 1, "", String.valueOf(e.getProblem()),
                    "well-formed YAML or JSON");
        } catch (YAMLException e) {
            context.problem(0, "", String.valueOf(e.getMessage()), "well-formed YAML with a single document");
        }
        return null;
    }
}
