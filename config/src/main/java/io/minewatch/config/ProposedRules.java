package io.minewatch.config;

import io.minewatch.config.rules.Profile;
import java.util.Map;
import java.util.Objects;

/**
 * Another rule set to try on past readings (a what-if), read by {@link ProposedRulesLoader}: profiles that replace the
 * configured (or built-in) profiles of the same name, or new ones, and sensors pointed at another profile.
 *
 * @param profiles       proposed profiles by name; a name of a configured or built-in profile replaces it
 * @param sensorProfiles sensor id to the name of the profile it is evaluated against instead of its own
 */
public record ProposedRules(Map<String, Profile> profiles, Map<String, String> sensorProfiles) {

    public ProposedRules {
        profiles = Map.copyOf(Objects.requireNonNull(profiles, "profiles"));
        sensorProfiles = Map.copyOf(Objects.requireNonNull(sensorProfiles, "sensorProfiles"));
    }
}
