package io.minewatch.gateway.registry;

import io.minewatch.collectors.Reading;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Profile;
import io.minewatch.config.rules.Rule;
import io.minewatch.config.sites.SensorConfig;
import io.minewatch.config.sites.SiteConfig;
import io.minewatch.gateway.rules.RuleBook;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registered sensors and the rules that apply to every reading: a registered sensor's own profile, or for an
 * unregistered sensor its kind's default profile. Immutable, so every event loop may read it without locks.
 */
public final class SensorRegistry implements RuleBook {

    private final Map<String, SensorConfig> sensors;
    private final Map<String, SiteConfig> sites;
    private final Map<Kind, List<Rule>> defaultRules = new EnumMap<>(Kind.class);

    public SensorRegistry(MinewatchConfig config) {
        this.sensors = new HashMap<>(config.sensorsById());
        this.sites = new HashMap<>();
        for (SiteConfig site : config.sites()) {
            sites.put(site.id(), site);
        }
        for (Kind kind : Kind.values()) {
            List<Rule> rules = kind.defaultProfile()
                    .map(config.profiles()::get)
                    .map(Profile::rules)
                    .orElse(List.of());
            defaultRules.put(kind, rules);
        }
    }

    /** The registered sensor with this id, or null. */
    public SensorConfig sensor(String sensorId) {
        return sensors.get(sensorId);
    }

    /** The configured site with this id, or null. */
    public SiteConfig site(String siteId) {
        return sites.get(siteId);
    }

    public int size() {
        return sensors.size();
    }

    @Override
    public List<Rule> rulesFor(Reading reading) {
        if (reading.registered()) {
            SensorConfig sensor = sensors.get(reading.sensor());
            if (sensor != null) {
                return sensor.profile().rules();
            }
        }
        return defaultRules.get(reading.kind());
    }
}
