package io.minewatch.config.sites;

import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Profile;
import java.util.Objects;

/**
 * A registered sensor: its id (unique across all sites), the site it belongs to, what it measures, where it is, and
 * the threshold profile its readings are evaluated against (already resolved from its name).
 */
public record SensorConfig(String id, String site, Kind kind, String location, Profile profile) {

    public SensorConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(profile, "profile");
        location = location == null ? "" : location;
        if (profile.kind() != kind) {
            throw new IllegalArgumentException("sensor " + id + " profile : " + profile.name() + " (expected: a profile for "
                    + kind.id() + ", not " + profile.kind().id() + ")");
        }
    }
}
