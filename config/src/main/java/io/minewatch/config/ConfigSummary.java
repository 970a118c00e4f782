package io.minewatch.config;

import io.minewatch.config.MqttCollectorConfig.TlsConfig;
import io.minewatch.config.StorageConfig.InfluxDbConfig;
import io.minewatch.config.StorageConfig.LocalStoreConfig;
import io.minewatch.config.rules.DefaultProfiles;
import io.minewatch.config.rules.Direction;
import io.minewatch.config.rules.LevelThreshold;
import io.minewatch.config.rules.Profile;
import io.minewatch.config.rules.Rule;
import io.minewatch.config.rules.Signal;
import io.minewatch.config.sites.SensorConfig;
import io.minewatch.config.sites.SiteConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains a configuration in plain text, for {@code minewatch check-config}: where the service listens, what it
 * reads from, where it stores, every site with its sensors, and every profile in use with its thresholds and their
 * source. Secrets (passwords) are never shown.
 */
public final class ConfigSummary {

    private ConfigSummary() {
    }

    /** The explanation, one fact per line, ending with a newline. */
    public static String explain(MinewatchConfig config) {
        StringBuilder out = new StringBuilder();
        out.append("Configuration: ").append(config.source() == null ? "(built in)" : config.source()).append('\n');
        out.append("HTTP API and control room: http://").append(config.http().bind()).append(':')
                .append(config.http().port()).append('\n');
        collectors(config, out);
        storage(config.storage(), out);
        PipelineConfig pipeline = config.pipeline();
        out.append("Pipeline: ").append(pipeline.eventLoops()).append(" event loops, at most ")
                .append(pipeline.maxInFlight()).append(" readings in flight, readings stamped more than ")
                .append(Durations.format(pipeline.maxFutureSkew())).append(" in the future rejected\n");
        alarms(config, out);
        UplinkSummary.explain(config, out);
        Map<String, Profile> inUse = sites(config.sites(), out);
        profiles(inUse, out);
        List<String> unused = config.profiles().keySet().stream()
                .filter(name -> !DefaultProfiles.all().containsKey(name) && !inUse.containsKey(name)).sorted().toList();
        if (!unused.isEmpty()) {
            out.append("Profiles of this file that no sensor uses: ").append(String.join(", ", unused)).append('\n');
        }
        return out.toString();
    }

    private static void collectors(MinewatchConfig config, StringBuilder out) {
        out.append("Collectors:\n");
        if (config.mqttCollectors().isEmpty() && config.opcuaCollectors().isEmpty()) {
            out.append("  none: no readings will arrive\n");
        }
        for (MqttCollectorConfig mqtt : config.mqttCollectors()) {
            out.append("  mqtt ").append(mqtt.name()).append(": ").append(mqtt.url())
                    .append(", topics ").append(String.join(" ", mqtt.topics()))
                    .append(", QoS ").append(mqtt.qos())
                    .append(", client id ").append(mqtt.clientId());
            if (mqtt.username() != null) {
                out.append(", user ").append(mqtt.username())
                        .append(mqtt.password() == null ? " without password" : " with password");
            }
            TlsConfig tls = mqtt.tls();
            if (tls != null) {
                out.append(", TLS").append(tls.caFile() == null ? " with the JVM's trusted CAs" : " trusting "
                        + tls.caFile()).append(tls.keyStore() == null ? "" : ", client key " + tls.keyStore());
            }
            out.append(", reconnect ").append(Durations.format(mqtt.reconnectMin())).append(" to ")
                    .append(Durations.format(mqtt.reconnectMax()))
                    .append(", payloads up to ").append(mqtt.maxPayloadBytes()).append(" bytes\n");
        }
        for (OpcUaCollectorConfig opcua : config.opcuaCollectors()) {
            opcua(opcua, out);
        }
    }

    private static void opcua(OpcUaCollectorConfig opcua, StringBuilder out) {
        OpcUaCollectorConfig.Security security = opcua.security();
        out.append("  opcua ").append(opcua.name()).append(": ").append(opcua.endpoint())
                .append(", security ").append(security.policy().id());
        if (security.policy() != OpcUaCollectorConfig.SecurityPolicy.NONE) {
            out.append(' ').append(security.mode().id()).append(security.trustOnFirstUse()
                    ? ", trusting the first server certificate seen" : ", trusting the certificates in "
                    + security.pkiDir().resolve("trusted"));
        }
        out.append(security.username() == null ? ", anonymous" : ", user " + security.username())
                .append(", certificates in ").append(security.pkiDir()).append('\n');
        OpcUaCollectorConfig.Subscription subscription = opcua.subscription();
        out.append("    publishing every ").append(Durations.format(subscription.publishingInterval()))
                .append(", sampling every ").append(Durations.format(subscription.samplingInterval()))
                .append(", queue ").append(subscription.queueSize())
                .append(subscription.deadbandType() == OpcUaCollectorConfig.DeadbandType.NONE ? ", no deadband"
                        : ", deadband " + BigDecimal.valueOf(subscription.deadband()).stripTrailingZeros()
                        .toPlainString() + " " + subscription.deadbandType().id())
                .append(", reporting changes of ").append(subscription.trigger().id().replace('_', ' '))
                .append(", reconnect ").append(Durations.format(opcua.reconnectMin())).append(" to ")
                .append(Durations.format(opcua.reconnectMax())).append('\n');
        for (OpcUaCollectorConfig.NodeMapping node : opcua.nodes()) {
            out.append("    node ").append(node.node()).append(" -> ").append(node.sensor())
                    .append(node.unit() == null ? "" : " (in " + node.unit().symbol() + ")").append('\n');
        }
        for (OpcUaCollectorConfig.BrowseMapping browse : opcua.browse()) {
            out.append("    browse ").append(browse.folder()).append(" up to ").append(browse.depth())
                    .append(" levels: variables named ").append(browse.pattern()).append(" -> sensor ")
                    .append(browse.sensor()).append(browse.unit() == null ? "" : " (in " + browse.unit().symbol()
                    + ")").append('\n');
        }
    }

    private static void storage(StorageConfig storage, StringBuilder out) {
        out.append("Storage:\n");
        if (storage.influxdb().isPresent()) {
            InfluxDbConfig influx = storage.influxdb().get();
            out.append("  InfluxDB ").append(influx.url()).append(", database ").append(influx.database())
                    .append(", retention policy ").append(influx.retentionPolicy())
                    .append(influx.username() == null ? "" : ", user " + influx.username())
                    .append(", batches of ").append(influx.batchSize()).append(" flushed every ")
                    .append(Durations.format(influx.flushInterval())).append('\n');
            LocalStoreConfig local = storage.local();
            out.append("  local directory ").append(local.path())
                    .append(": store-and-forward spool while InfluxDB is unreachable, up to ")
                    .append(ByteSizes.format(local.maxSpoolBytes())).append(" (self-alarm at ")
                    .append(local.spoolHighWaterPercent()).append(" %), forwarded at up to ")
                    .append(local.forwardRate()).append(" points/s once InfluxDB is back\n");
        } else {
            out.append("  embedded store in ").append(storage.local().path())
                    .append(" (no InfluxDB configured): it serves history\n");
        }
        out.append("  dead-letter log ").append(storage.local().deadLetterLog()).append('\n');
    }

    private static void alarms(MinewatchConfig config, StringBuilder out) {
        AlarmOutputConfig alarms = config.alarms();
        out.append("Alarm events over MQTT: ");
        if (alarms.mqttUrl().isPresent()) {
            out.append(alarms.mqttUrl().get());
        } else if (!config.mqttCollectors().isEmpty()) {
            MqttCollectorConfig first = config.mqttCollectors().get(0);
            out.append(first.url()).append(" (the broker of collector ").append(first.name()).append(')');
        } else {
            out.append("none (no alarms.mqtt and no MQTT collector)\n");
            return;
        }
        out.append(", topic ").append(alarms.topicPrefix()).append("/{site}/{sensor}\n");
    }

    private static Map<String, Profile> sites(List<SiteConfig> sites, StringBuilder out) {
        Map<String, Profile> inUse = new LinkedHashMap<>();
        int sensorCount = sites.stream().mapToInt(site -> site.sensors().size()).sum();
        out.append("Sites: ").append(sites.size()).append(", registered sensors: ").append(sensorCount).append('\n');
        for (SiteConfig site : sites) {
            out.append("  ").append(site.id()).append(" (").append(site.type().id()).append(")");
            if (!site.name().equals(site.id())) {
                out.append(" \"").append(site.name()).append('"');
            }
            out.append(": ").append(site.sensors().size()).append(site.sensors().size() == 1 ? " sensor\n"
                    : " sensors\n");
            List<String[]> rows = new ArrayList<>();
            for (SensorConfig sensor : site.sensors()) {
                rows.add(new String[] {sensor.id(), sensor.kind().id(),
                        sensor.location().isEmpty() ? "-" : sensor.location(), sensor.profile().name()});
                inUse.putIfAbsent(sensor.profile().name(), sensor.profile());
            }
            table(rows, out);
        }
        return inUse;
    }

    private static void table(List<String[]> rows, StringBuilder out) {
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("    ");
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line).append('\n');
        }
    }

    private static void profiles(Map<String, Profile> inUse, StringBuilder out) {
        out.append("Profiles in use: ").append(inUse.size()).append('\n');
        for (Profile profile : inUse.values()) {
            out.append("  ").append(profile.name()).append(" (").append(profile.kind().id()).append(')');
            if (!profile.description().isEmpty()) {
                out.append(": ").append(profile.description());
            }
            out.append('\n');
            if (!profile.source().isEmpty()) {
                out.append("    source: ").append(profile.source()).append('\n');
            }
            String unit = profile.kind().canonicalUnit().symbol();
            for (Rule rule : profile.rules()) {
                rule(rule, unit, out);
            }
        }
    }

    private static void rule(Rule rule, String unit, StringBuilder out) {
        Signal signal = rule.signal();
        String shownUnit = signal.type() == Signal.Type.RATE ? unit + "/" + per(signal.per()) : unit;
        out.append("    rule ").append(rule.id()).append(": ")
                .append(signal.type() == Signal.Type.RATE ? "rate of change over the last "
                        + Durations.format(signal.window()) : "value")
                .append(", fires ").append(rule.direction() == Direction.ABOVE ? "above" : "below");
        if (!rule.minDuration().isZero()) {
            out.append(", after holding for ").append(Durations.format(rule.minDuration()));
        }
        out.append('\n');
        for (LevelThreshold level : rule.levels()) {
            out.append("      ").append(level.name().equals(level.level().id()) ? level.name()
                    : level.name() + " " + level.level().id()).append(": ")
                    .append(describe(rule.direction(), level, shownUnit)).append('\n');
        }
    }

    /** {@code enter ≥ 1.0 %, restore < 1.0 %} for ABOVE; {@code enter < 20.0 %, restore ≥ 20.0 %} for BELOW. */
    static String describe(Direction direction, LevelThreshold level, String unit) {
        boolean above = direction == Direction.ABOVE;
        return "enter " + (above ? "≥ " : "< ") + number(level.enter()) + " " + unit
                + ", restore " + (above ? "< " : "≥ ") + number(level.exit()) + " " + unit;
    }

    private static String per(Duration per) {
        if (per.equals(Duration.ofDays(1))) {
            return "day";
        }
        if (per.equals(Duration.ofHours(1))) {
            return "h";
        }
        if (per.equals(Duration.ofMinutes(1))) {
            return "min";
        }
        return per.equals(Duration.ofSeconds(1)) ? "s" : Durations.format(per);
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }
}
