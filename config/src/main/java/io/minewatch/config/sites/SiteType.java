package io.minewatch.config.sites;

import java.util.Locale;
import java.util.Optional;

/** What a monitored site is. */
public enum SiteType {
    COAL_MINE, TAILINGS_POND, OPEN_PIT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SiteType> byId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (SiteType type : values()) {
            if (type.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
