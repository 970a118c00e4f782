package io.minewatch.config;

import io.minewatch.config.access.AccessConfig;
import io.minewatch.config.rules.Profile;
import io.minewatch.config.sites.SensorConfig;
import io.minewatch.config.sites.SiteConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole, validated configuration. Built by {@code ConfigLoader} from YAML; every profile name a sensor uses is
 * resolved, and {@link #profiles()} holds the built-in defaults plus the file's own.
 *
 * @param source          where it was read from ({@code null} for one built in code, such as the demo's)
 * @param mqttCollectors  MQTT brokers to subscribe to
 * @param opcuaCollectors OPC UA servers to subscribe to; every sensor they map explicitly is registered in
 *                        {@code sites}
 * @param uplink          the alarm journal and the regulator endpoints fed from it
 * @param alarmHandling   acknowledgement deadlines, escalation contacts, shelving and notification limits
 * @param access          control-room users, HTTPS and sessions ({@code users:}, {@code http.tls},
 *                        {@code http.session_ttl}); {@link AccessConfig#NONE} when absent
 * @param conditions      offline, flatline and out-of-range limits, maintenance windows, the slope forecast
 */
public record MinewatchConfig(Path source, HttpConfig http, List<MqttCollectorConfig> mqttCollectors,
        List<OpcUaCollectorConfig> opcuaCollectors, StorageConfig storage, PipelineConfig pipeline,
        AlarmOutputConfig alarms, List<SiteConfig> sites, Map<String, Profile> profiles, UplinkConfig uplink,
        AlarmHandlingConfig alarmHandling, AccessConfig access, ConditionsConfig conditions) {

    public MinewatchConfig {
        http = http == null ? HttpConfig.DEFAULT : http;
        mqttCollectors = List.copyOf(Objects.requireNonNull(mqttCollectors, "mqttCollectors"));
        opcuaCollectors = List.copyOf(opcuaCollectors == null ? List.of() : opcuaCollectors);
        storage = storage == null ? new StorageConfig(Optional.empty(), null) : storage;
        pipeline = pipeline == null ? PipelineConfig.DEFAULT : pipeline;
        alarms = alarms == null ? AlarmOutputConfig.DEFAULT : alarms;
        sites = List.copyOf(Objects.requireNonNull(sites, "sites"));
        profiles = Map.copyOf(Objects.requireNonNull(profiles, "profiles"));
        uplink = uplink == null ? UplinkConfig.NONE : uplink;
        alarmHandling = alarmHandling == null ? AlarmHandlingConfig.DEFAULT : alarmHandling;
        access = access == null ? AccessConfig.NONE : access;
        conditions = conditions == null ? ConditionsConfig.DEFAULT : conditions;
    }

    /** A configuration with the default sensor conditions (the shape before {@code conditions} existed). */
    public MinewatchConfig(Path source, HttpConfig http, List<MqttCollectorConfig> mqttCollectors,
            List<OpcUaCollectorConfig> opcuaCollectors, StorageConfig storage, PipelineConfig pipeline,
            AlarmOutputConfig alarms, List<SiteConfig> sites, Map<String, Profile> profiles, UplinkConfig uplink,
            AlarmHandlingConfig alarmHandling, AccessConfig access) {
        this(source, http, mqttCollectors, opcuaCollectors, storage, pipeline, alarms, sites, profiles, uplink,
                alarmHandling, access, null);
    }

    /** A configuration without regulator endpoints (the journal in its default place) and with {@code access}. */
    public MinewatchConfig(Path source, HttpConfig http, List<MqttCollectorConfig> mqttCollectors,
            List<OpcUaCollectorConfig> opcuaCollectors, StorageConfig storage, PipelineConfig pipeline,
            AlarmOutputConfig alarms, List<SiteConfig> sites, Map<String, Profile> profiles,
            AlarmHandlingConfig alarmHandling, AccessConfig access) {
        this(source, http, mqttCollectors, opcuaCollectors, storage, pipeline, alarms, sites, profiles, null,
                alarmHandling, access);
    }

    /** A configuration without regulator endpoints nor control-room users. */
    public MinewatchConfig(Path source, HttpConfig http, List<MqttCollectorConfig> mqttCollectors,
            List<OpcUaCollectorConfig> opcuaCollectors, StorageConfig storage, PipelineConfig pipeline,
            AlarmOutputConfig alarms, List<SiteConfig> sites, Map<String, Profile> profiles,
            AlarmHandlingConfig alarmHandling) {
        this(source, http, mqttCollectors, opcuaCollectors, storage, pipeline, alarms, sites, profiles, null,
                alarmHandling, null);
    }

    /** A configuration with regulator endpoints, default alarm handling and no control-room users. */
    public MinewatchConfig(Path source, HttpConfig http, List<MqttCollectorConfig> mqttCollectors,
            List<OpcUaCollectorConfig> opcuaCollectors, StorageConfig storage, PipelineConfig pipeline,
            AlarmOutputConfig alarms, List<SiteConfig> sites, Map<String, Profile> profiles, UplinkConfig uplink) {
        this(source, http, mqttCollectors, opcuaCollectors, storage, pipeline, alarms, sites, profiles, uplink, null,
                null);
    }

    /** A configuration of collectors, storage, pipeline, alarm output and sites only; the rest default. */
    public MinewatchConfig(Path source, HttpConfig http, List<MqttCollectorConfig> mqttCollectors,
            List<OpcUaCollectorConfig> opcuaCollectors, StorageConfig storage, PipelineConfig pipeline,
            AlarmOutputConfig alarms, List<SiteConfig> sites, Map<String, Profile> profiles) {
        this(source, http, mqttCollectors, opcuaCollectors, storage, pipeline, alarms, sites, profiles, null, null,
                null);
    }

    /** A configuration without OPC UA collectors (the shape before they existed). */
    public MinewatchConfig(Path source, HttpConfig http, List<MqttCollectorConfig> mqttCollectors,
            StorageConfig storage, PipelineConfig pipeline, AlarmOutputConfig alarms, List<SiteConfig> sites,
            Map<String, Profile> profiles) {
        this(source, http, mqttCollectors, List.of(), storage, pipeline, alarms, sites, profiles, null, null, null);
    }

    /** This configuration with {@code access} instead (the demo adds its generated users). */
    public MinewatchConfig withAccess(AccessConfig access) {
        return new MinewatchConfig(source, http, mqttCollectors, opcuaCollectors, storage, pipeline, alarms, sites,
                profiles, uplink, alarmHandling, access, conditions);
    }

    /** Every registered sensor by id, in configuration order. */
    public Map<String, SensorConfig> sensorsById() {
        Map<String, SensorConfig> byId = new LinkedHashMap<>();
        for (SiteConfig site : sites) {
            for (SensorConfig sensor : site.sensors()) {
                byId.put(sensor.id(), sensor);
            }
        }
        return byId;
    }
}
