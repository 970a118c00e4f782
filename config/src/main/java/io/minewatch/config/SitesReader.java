package io.minewatch.config;

import io.minewatch.config.MappingReader.Item;
import io.minewatch.config.quantity.Kind;
import io.minewatch.config.rules.Profile;
import io.minewatch.config.sites.SensorConfig;
import io.minewatch.config.sites.SiteConfig;
import io.minewatch.config.sites.SiteType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code sites:} (required, at least one) and their sensors. Site ids are unique, sensor ids unique across all
 * sites; a sensor without a profile gets its kind's default profile, and a kind without one needs an explicit one.
 */
final class SitesReader {

    private static final String SITE_TYPES = "coal_mine, tailings_pond or open_pit";

    private final ParseContext context;
    private final Map<String, Profile> profiles;
    private final Set<String> declaredProfiles;
    private final Map<String, String> sensorPaths = new HashMap<>();

    /**
     * @param profiles         every valid profile by name, built-in and the file's own
     * @param declaredProfiles the file's own profile names, including those with problems (already reported)
     */
    SitesReader(ParseContext context, Map<String, Profile> profiles, Set<String> declaredProfiles) {
        this.context = context;
        this.profiles = profiles;
        this.declaredProfiles = declaredProfiles;
    }

    List<SiteConfig> read(MappingReader root) {
        if (!root.has("sites")) {
            root.missing("sites", "a list of at least one site (required)");
            return List.of();
        }
        List<Item> items = root.mappings("sites", "id", "type", "name", "sensors");
        if (root.node("sites").filter(n -> "[]".equals(ParseContext.describe(n))).isPresent()) {
            root.reject("sites", "a list of at least one site");
        }
        List<SiteConfig> sites = new ArrayList<>();
        Map<String, String> sitePaths = new HashMap<>();
        for (Item item : items) {
            MappingReader site = item.reader();
            int before = context.problemCount();
            Optional<String> id = site.identifier("id", true);
            id.ifPresent(i -> {
                String first = sitePaths.putIfAbsent(i, site.path());
                if (first != null) {
                    site.reject("id", "a site id used once (also " + first + ")");
                }
            });
            Optional<SiteType> type = site.choice("type", SiteType::byId, SITE_TYPES, true);
            String name = site.string("name").orElse(null);
            List<SensorConfig> sensors = new ArrayList<>();
            for (Item sensorItem : site.mappings("sensors", "id", "kind", "location", "profile")) {
                sensor(sensorItem.reader(), id.orElse("?")).ifPresent(sensors::add);
            }
            if (context.problemCount() == before) {
                sites.add(new SiteConfig(id.orElseThrow(), type.orElseThrow(), name, sensors));
            }
        }
        return sites;
    }

    private Optional<SensorConfig> sensor(MappingReader sensor, String site) {
        int before = context.problemCount();
        Optional<String> id = sensor.identifier("id", true);
        id.ifPresent(i -> {
            String first = sensorPaths.putIfAbsent(i, sensor.path());
            if (first != null) {
                sensor.reject("id", "a sensor id used once across all sites (also " + first + ")");
            }
        });
        Optional<Kind> kind = sensor.choice("kind", Kind::byId, ProfilesReader.KINDS_EXPECTED, true);
        String location = sensor.string("location").orElse(null);
        Optional<Profile> profile = kind.flatMap(k -> profile(sensor, k));
        // An empty profile without a new problem is one already reported under profiles:
        if (context.problemCount() > before || profile.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SensorConfig(id.orElseThrow(), site, kind.orElseThrow(), location, profile.get()));
    }

    private Optional<Profile> profile(MappingReader sensor, Kind kind) {
        String candidates = candidates(kind);
        if (!sensor.has("profile")) {
            Optional<Profile> byDefault = kind.defaultProfile().map(profiles::get);
            if (byDefault.isEmpty()) {
                sensor.missing("profile", "a profile for " + kind.id() + ", which has no built-in default: "
                        + (candidates.isEmpty() ? "define one under profiles:" : candidates));
            }
            return byDefault;
        }
        return sensor.scalar("profile", "a profile name").flatMap(scalar -> {
            String name = scalar.text().trim();
            Profile profile = profiles.get(name);
            if (profile == null) {
                if (!declaredProfiles.contains(name)) {
                    sensor.report("profile", scalar, "a profile for " + kind.id() + ": "
                            + (candidates.isEmpty() ? "define one under profiles:" : candidates));
                }
                return Optional.empty();
            }
            if (profile.kind() != kind) {
                sensor.report("profile", scalar, "a profile for " + kind.id() + ", not " + profile.kind().id() + ": "
                        + (candidates.isEmpty() ? "define one under profiles:" : candidates));
                return Optional.empty();
            }
            return Optional.of(profile);
        });
    }

    private String candidates(Kind kind) {
        return profiles.values().stream().filter(p -> p.kind() == kind).map(Profile::name).sorted()
                .collect(Collectors.joining(", "));
    }
}
