package io.minewatch.gateway.rules;

import io.minewatch.collectors.Reading;
import io.minewatch.config.rules.Rule;
import java.util.List;

/** The rules a reading is evaluated against: its registered sensor's profile, or its kind's default profile. */
@FunctionalInterface
public interface RuleBook {

    List<Rule> rulesFor(Reading reading);
}
