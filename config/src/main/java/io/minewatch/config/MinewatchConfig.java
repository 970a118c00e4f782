package io.minewatch.config;

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
 * @param conditions      offline, flatline and out-of-range limits, maintenance windows, the slope forecast
 */
public record MinewatchConfig(Path source, HttpConfig http, List<MqttCollectorConfig> mqttCollectors,
        List<OpcUaCollectorConfig> opcuaCollectors, StorageConfig storage, PipelineConfig pipeline,
        AlarmOutputConfig alarms, List<SiteConfig> sites, Map<String, Profile> profiles, ConditionsConfig conditions) {

    public MinewatchConfig {
        http = http == null ? HttpConfig.DEFAULT : http;
        mqttCollectors = List.copyOf(Objects.requireNonNull(mqttCollectors, "mqttCollectors"));
        opcuaCollectors = List.copyOf(opcuaCollectors == null ? List.of() : opcuaCollectors);
        storage = storage == null ? new StorageConfig(Optional.empty(), null) : storage;
        pipeline = pipeline == null ? PipelineConfig.DEFAULT : pipeline;
        alarms = alarms == null ? AlarmOutputConfig.DEFAULT : alarms;
        sites = List.copyOf(Objects.requireNonNull(sites, "sites"));
        profiles = Map.copyOf(Objects.requireNonNull(profiles, "profiles"));
        conditions = conditions == null ? ConditionsConfig.DEFAULT : conditions;
    }

    /** A configuration with the default {@link ConditionsConfig} (the shape before conditions existed). */
    public MinewatchConfig(Path source, HttpConfig http, List<MqttCollectorConfig> mqttCollectors,
            List<OpcUaCollectorConfig> opcuaCollectors, StorageConfig storage, PipelineConfig pipeline,
            AlarmOutputConfig alarms, List<SiteConfig> sites, Map<String, Profile> profiles) {
        this(source, http, mqttCollectors, opcuaCollectors, storage, pipeline, alarms, sites, profiles, null);
    }

    /** A configuration without OPC UA collectors (the shape before they existed). */
    public MinewatchConfig(Path source, HttpConfig http, List<MqttCollectorConfig> mqttCollectors,
            StorageConfig storage, PipelineConfig pipeline, AlarmOutputConfig alarms, List<SiteConfig> sites,
            Map<String, Profile> profiles) {
        this(source, http, mqttCollectors, List.of(), storage, pipeline, alarms, sites, profiles);
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
