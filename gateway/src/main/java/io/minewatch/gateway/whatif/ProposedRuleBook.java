package io.minewatch.gateway.whatif;

import io.minewatch.collectors.Reading;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.ProposedRules;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Profile;
import io.minewatch.config.rules.Rule;
import io.minewatch.config.sites.SensorConfig;
import io.minewatch.gateway.rules.RuleBook;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of the configuration with a {@link ProposedRules} laid over them: a sensor pointed at a profile gets that
 * profile's rules; otherwise its own profile (or, unregistered, its kind's default) is looked up by name among the
 * proposed profiles first. Built once, so that the engine sees the same list instance for every reading.
 */
public final class ProposedRuleBook implements RuleBook {

    private final Map<String, List<Rule>> bySensor = new HashMap<>();
    private final Map<Kind, List<Rule>> byKind = new HashMap<>();

    public ProposedRuleBook(MinewatchConfig config, ProposedRules proposed) {
        Map<String, Profile> profiles = new HashMap<>(config.profiles());
        profiles.putAll(proposed.profiles());
        for (SensorConfig sensor : config.sensorsById().values()) {
            String name = proposed.sensorProfiles().getOrDefault(sensor.id(), sensor.profile().name());
            bySensor.put(sensor.id(), profiles.get(name).rules());
        }
        proposed.sensorProfiles().forEach((sensor, name) -> bySensor.putIfAbsent(sensor, profiles.get(name).rules()));
        for (Kind kind : Kind.values()) {
            byKind.put(kind, kind.defaultProfile().map(profiles::get).map(Profile::rules).orElse(List.of()));
        }
    }

    @Override
    public List<Rule> rulesFor(Reading reading) {
        List<Rule> rules = bySensor.get(reading.sensor());
        return rules != null ? rules : byKind.get(reading.kind());
    }
}
