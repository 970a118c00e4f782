package io.minewatch.config.rules;

import io.minewatch.config.quantity.Kind;
import java.util.List;
import java.util.Objects;

/**
 * A named set of rules for one kind of sensor, e.g. {@code coal_ch4_working_face}. {@code source} says where its
 * figures come from (a line of DOMAIN.md for the built-in profiles, or the configuration file for a site's own).
 */
public record Profile(String name, Kind kind, String description, String source, List<Rule> rules) {

    public Profile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        description = description == null ? "" : description;
        source = source == null ? "" : source;
        rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
        if (name.isBlank()) {
            throw new IllegalArgumentException("name : '' (expected: a non-blank profile name)");
        }
        long distinct = rules.stream().map(Rule::id).distinct().count();
        if (distinct != rules.size()) {
            throw new IllegalArgumentException("profile " + name + " rules : duplicate rule ids (expected: unique ids)");
        }
    }
}
