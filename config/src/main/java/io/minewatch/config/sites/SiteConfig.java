package io.minewatch.config.sites;

import java.util.List;
import java.util.Objects;

/** A monitored site (a coal mine, a tailings pond, an open pit) and its registered sensors. */
public record SiteConfig(String id, SiteType type, String name, List<SensorConfig> sensors) {

    public SiteConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        name = name == null || name.isBlank() ? id : name;
        sensors = List.copyOf(Objects.requireNonNull(sensors, "sensors"));
    }
}
