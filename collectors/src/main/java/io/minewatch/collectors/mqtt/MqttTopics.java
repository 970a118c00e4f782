package io.minewatch.collectors.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads site and sensor from a topic: they are its last two levels ({@code minewatch/{site}/{sensor}}).
 *
 * <p>The prefix of a topic is set by the first configured filter it matches: the filter's literal levels before its
 * first wildcard, except that a filter without {@code #} lets its literal levels serve as site and sensor
 * ({@code minewatch/CM01/+} reads site {@code CM01}; its topics have as many levels as the filter). A topic with
 * fewer than two levels after its prefix, with an empty level after it, or matching no filter, has no site and
 * sensor: {@code minewatch/#} does not turn {@code minewatch/CM01} into site {@code minewatch}. A shared
 * subscription ({@code $share/group/filter}) is matched by its filter. Thread-safe.
 */
public final class MqttTopics {

    private final List<Filter> filters;

    public MqttTopics(List<String> topicFilters) {
        Objects.requireNonNull(topicFilters, "topicFilters");
        if (topicFilters.isEmpty()) {
            throw new IllegalArgumentException("topicFilters : [] (expected: at least one topic filter)");
        }
        List<Filter> parsed = new ArrayList<>(topicFilters.size());
        for (String filter : topicFilters) {
            parsed.add(Filter.parse(filter));
        }
        this.filters = List.copyOf(parsed);
    }

    /** Site and sensor taken from a topic. */
    public record SiteSensor(String site, String sensor) {
        public SiteSensor {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(sensor, "sensor");
        }
    }

    /**
     * The site and sensor of {@code topic}, or empty when it does not end in {@code {site}/{sensor}} after the
     * prefix of the first filter it matches, or matches none of the filters.
     */
    public Optional<SiteSensor> parse(String topic) {
        if (topic == null || topic.isEmpty()) {
            return Optional.empty();
        }
        for (Filter filter : filters) {
            if (filter.matches(topic)) {
                return siteSensorAfter(topic, filter.prefixLevels);
            }
        }
        return Optional.empty();
    }

    private static Optional<SiteSensor> siteSensorAfter(String topic, int prefixLevels) {
        int start = 0;
        for (int skipped = 0; skipped < prefixLevels; skipped++) {
            int slash = topic.indexOf('/', start);
            if (slash < 0) {
                return Optional.empty(); // "a/#" matches "a", which has nothing after its prefix
            }
            start = slash + 1;
        }
        int levels = 1;
        for (int i = start; i < topic.length(); i++) {
            if (topic.charAt(i) == '/') {
                if (i == start || topic.charAt(i - 1) == '/') {
                    return Optional.empty(); // an empty level
                }
                levels++;
            }
        }
        if (levels < 2 || start == topic.length() || topic.charAt(topic.length() - 1) == '/') {
            return Optional.empty();
        }
        int lastSlash = topic.lastIndexOf('/');
        int siteStart = topic.lastIndexOf('/', lastSlash - 1) + 1;
        return Optional.of(new SiteSensor(topic.substring(siteStart, lastSlash), topic.substring(lastSlash + 1)));
    }

    /** One subscribed filter, split once into its levels. */
    private record Filter(String[] levels, int prefixLevels) {

        static Filter parse(String filter) {
            Objects.requireNonNull(filter, "topic filter");
            String effective = filter;
            if (filter.startsWith("$share/")) {
                int groupEnd = filter.indexOf('/', "$share/".length());
                if (groupEnd < 0) {
                    throw new IllegalArgumentException(
                            "topic filter : " + filter + " (expected: $share/{group}/{filter})");
                }
                effective = filter.substring(groupEnd + 1);
            }
            if (effective.isEmpty()) {
                throw new IllegalArgumentException("topic filter : \"" + filter + "\" (expected: a topic filter)");
            }
            String[] levels = effective.split("/", -1);
            int literal = 0;
            while (literal < levels.length && !levels[literal].equals("+") && !levels[literal].equals("#")) {
                literal++;
            }
            boolean multiLevel = levels[levels.length - 1].equals("#");
            int prefix = multiLevel ? literal : Math.min(literal, Math.max(0, levels.length - 2));
            for (int i = 0; i < levels.length; i++) {
                String level = levels[i];
                boolean badHash = level.contains("#") && (!level.equals("#") || i != levels.length - 1);
                boolean badPlus = level.contains("+") && !level.equals("+");
                if (badHash || badPlus) {
                    throw new IllegalArgumentException("topic filter : " + filter
                            + " (expected: + and # as whole levels, # only last)");
                }
            }
            return new Filter(levels, prefix);
        }

        /** MQTT topic matching, without splitting the topic. */
        boolean matches(String topic) {
            int pos = 0;
            for (int i = 0; i < levels.length; i++) {
                String level = levels[i];
                if (level.equals("#")) {
                    return i > 0 || !topic.startsWith("$");
                }
                if (pos > topic.length()) {
                    return false; // the topic has fewer levels than the filter
                }
                int end = topic.indexOf('/', pos);
                if (end < 0) {
                    end = topic.length();
                }
                if (level.equals("+")) {
                    if (i == 0 && topic.startsWith("$")) {
                        return false;
                    }
                } else if (end - pos != level.length() || !topic.startsWith(level, pos)) {
                    return false;
                }
                pos = end + 1;
            }
            return pos == topic.length() + 1;
        }
    }
}
