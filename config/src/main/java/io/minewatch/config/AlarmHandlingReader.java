package io.minewatch.config;

import io.minewatch.config.AlarmHandlingConfig.AckPolicy;
import io.minewatch.config.AlarmHandlingConfig.Contact;
import io.minewatch.config.AlarmHandlingConfig.Shelving;
import io.minewatch.config.MappingReader.Entry;
import io.minewatch.config.MappingReader.Item;
import io.minewatch.config.rules.Level;
import io.minewatch.config.sites.SiteConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code alarm_handling:} into an {@link AlarmHandlingConfig}: {@code ack_deadline}, {@code deadline_from},
 * {@code contacts} (the defaults), {@code sites} (per-site overrides of those three), {@code shelving} and
 * {@code notify_every}. Every key is optional; every bad value is reported, all at once.
 */
final class AlarmHandlingReader {

    static final String[] KEYS = {"ack_deadline", "deadline_from", "contacts", "sites", "shelving", "notify_every"};
    private static final String[] POLICY_KEYS = {"ack_deadline", "deadline_from", "contacts"};
    private static final String LEVELS = "one of blue, yellow, orange, red";

    private AlarmHandlingReader() {
    }

    static AlarmHandlingConfig read(MappingReader section, List<SiteConfig> configuredSites) {
        Set<String> siteIds = configuredSites.stream().map(SiteConfig::id).collect(Collectors.toSet());
        AckPolicy defaults = policy(section, AckPolicy.DEFAULT);
        Map<String, AckPolicy> sites = new LinkedHashMap<>();
        section.freeMapping("sites", "a mapping of site ids to ack_deadline, deadline_from and contacts")
                .ifPresent(all -> {
                    for (Entry entry : all.entries()) {
                        if (!siteIds.contains(entry.key())) {
                            all.context().problem(entry.keyNode(), all.path(entry.key()), entry.key(),
                                    "the id of a site under sites: (" + String.join(", ", siteIds) + ")");
                            continue;
                        }
                        all.context().mapping(entry.value(), all.path(entry.key()), POLICY_KEYS)
                                .ifPresent(site -> sites.put(entry.key(), policy(site, defaults)));
                    }
                });
        Shelving shelving = section.mapping("shelving", "enabled", "raises", "window", "shelve_for", "shelve_red")
                .map(AlarmHandlingReader::shelving).orElse(Shelving.DEFAULT);
        Duration notifyEvery = section.duration("notify_every", true).orElse(null);
        return new AlarmHandlingConfig(defaults, sites, shelving, notifyEvery);
    }

    /** A policy from {@code reader}'s keys, each absent one taken from {@code base}. */
    private static AckPolicy policy(MappingReader reader, AckPolicy base) {
        Duration deadline = reader.duration("ack_deadline", true).orElse(base.deadline());
        Level minLevel = reader.string("deadline_from").flatMap(text -> {
            Optional<Level> level = Level.byId(text.trim().toLowerCase(Locale.ROOT));
            if (level.isEmpty()) {
                reader.reject("deadline_from", LEVELS);
            }
            return level;
        }).orElse(base.minLevel());
        List<Contact> contacts = base.contacts();
        if (reader.has("contacts")) {
            List<Contact> own = new ArrayList<>();
            for (Item item : reader.mappings("contacts", "id", "name")) {
                MappingReader contact = item.reader();
                Optional<String> id = contact.identifier("id", true);
                String name = contact.string("name").orElse(null);
                id.ifPresent(text -> own.add(new Contact(text, name)));
            }
            if (own.isEmpty()) {
                reader.reject("contacts", "a list of at least one contact { id: ID, name: \"shown name\" }");
            } else {
                contacts = own;
            }
        }
        return new AckPolicy(deadline, minLevel, contacts);
    }

    private static Shelving shelving(MappingReader reader) {
        Shelving base = Shelving.DEFAULT;
        boolean enabled = bool(reader, "enabled").orElse(base.enabled());
        int raises = reader.integer("raises", 2, 10_000).orElse(base.raises());
        Duration window = reader.duration("window", true).orElse(base.window());
        Duration shelveFor = reader.duration("shelve_for", true).orElse(base.shelveFor());
        boolean shelveRed = bool(reader, "shelve_red").orElse(base.shelveRed());
        return new Shelving(enabled, raises, window, shelveFor, shelveRed);
    }

    private static Optional<Boolean> bool(MappingReader reader, String key) {
        return reader.string(key).flatMap(text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                reader.reject(key, "true or false");
                yield Optional.empty();
            }
        });
    }
}
