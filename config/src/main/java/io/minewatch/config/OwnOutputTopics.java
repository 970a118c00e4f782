package io.minewatch.config;

import java.net.URI;
import java.util.Locale;

/**
 * The topics the gateway publishes to on its alarm output broker, all under {@code alarms.topic_prefix}: alarm events
 * on {@code {prefix}/{site}/{sensor}}, alarms about itself on {@code {prefix}/_gateway/{code}} and notifications on
 * {@code {prefix}/_notifications/{contact}}; that is, {@code {prefix}/X/Y} for any two levels. A collector whose
 * filter matches one of them on the same broker would read the gateway's own output as sensor readings: each would be
 * rejected and dead-lettered, and a payload that happened to parse would be stored as a reading.
 */
final class OwnOutputTopics {

    private OwnOutputTopics() {
    }

    /** True when {@code filter} (a valid MQTT topic filter) matches some topic {@code {prefix}/X/Y}. */
    static boolean matchedBy(String filter, String prefix) {
        String[] f = filter.split("/", -1);
        String[] p = prefix.split("/", -1);
        int topicLevels = p.length + 2;
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= topicLevels) {
                return false;
            }
            boolean anyLevel = i >= p.length; // a site, sensor, code or contact: never empty
            if (!f[i].equals("+") && (anyLevel ? f[i].isEmpty() : !f[i].equals(p[i]))) {
                return false;
            }
        }
        return f.length == topicLevels;
    }

    /** True when both URLs name the same broker (host and port; the scheme may differ for one listener). */
    static boolean sameBroker(URI a, URI b) {
        return a.getHost() != null && b.getHost() != null
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "ssl".equalsIgnoreCase(url.getScheme()) ? 8883 : 1883;
    }
}
