package io.minewatch.config;

import io.minewatch.config.MappingReader.Item;
import io.minewatch.config.MqttCollectorConfig.TlsConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code collectors:}: the MQTT brokers ({@code mqtt}) and OPC UA servers ({@code opcua}, read by
 * {@link OpcUaCollectorsReader}) to subscribe to. Collector names are unique across both.
 */
final class CollectorsReader {

    /** Both kinds of collectors, and the sensors the OPC UA ones map (checked once sites are read). */
    record Collectors(List<MqttCollectorConfig> mqtt, OpcUaCollectorsReader.Result opcua) {

        static final Collectors NONE = new Collectors(List.of(), new OpcUaCollectorsReader.Result(List.of(),
                List.of()));
    }

    static final List<String> MQTT_SCHEMES = List.of("tcp", "ssl");
    /** The largest payload MQTT can carry (the remaining-length field's maximum). */
    private static final int MQTT_MAX_PAYLOAD = 268_435_455;

    private CollectorsReader() {
    }

    /**
     * @param defaultPkiDir where OPC UA certificates live unless a collector names its own {@code pki_dir}
     * @param alarms        the alarm outputs, or null for their defaults: no collector may read them back
     */
    static Collectors read(MappingReader collectors, Path defaultPkiDir, AlarmOutputConfig alarms) {
        List<MqttCollectorConfig> mqtt = mqtt(collectors, alarms == null ? AlarmOutputConfig.DEFAULT : alarms);
        Map<String, String> names = new HashMap<>();
        for (MqttCollectorConfig config : mqtt) {
            names.put(config.name(), "collectors.mqtt");
        }
        return new Collectors(mqtt, OpcUaCollectorsReader.read(collectors, defaultPkiDir, names));
    }

    private static List<MqttCollectorConfig> mqtt(MappingReader collectors, AlarmOutputConfig alarms) {
        List<MqttCollectorConfig> result = new ArrayList<>();
        Map<String, Item> byName = new HashMap<>();
        Map<String, Item> byBrokerAndClientId = new HashMap<>();
        for (Item item : collectors.mappings("mqtt", "name", "url", "topics", "qos", "client_id", "username",
                "password", "tls", "reconnect_min", "reconnect_max", "max_payload_bytes", "keep_alive", "receive_queue")) {
            MappingReader mqtt = item.reader();
            Optional<String> name = mqtt.identifier("name", true);
            name.ifPresent(n -> {
                Item first = byName.putIfAbsent(n, item);
                if (first != null) {
                    mqtt.reject("name", "a collector name used once (also " + first.reader().path() + ")");
                }
            });
            Optional<URI> url = Optional.empty();
            if (mqtt.has("url")) {
                url = mqtt.uri("url", MQTT_SCHEMES, true);
            } else {
                mqtt.missing("url", "the broker's URL, tcp://HOST:PORT or ssl://HOST:PORT (required)");
            }
            Optional<List<String>> topics = mqtt.strings("topics", "MQTT topic filters such as minewatch/+/+");
            boolean topicsOk = topics.map(list -> checkTopics(mqtt, list)).orElse(!mqtt.has("topics"));
            int qos = mqtt.integer("qos", 0, 2).orElse(1);
            String clientId = mqtt.string("client_id").orElse(null);
            String username = mqtt.string("username").orElse(null);
            String password = mqtt.string("password").orElse(null);
            Optional<TlsConfig> tls = mqtt.mapping("tls", "ca_file", "key_store", "key_store_password")
                    .map(CollectorsReader::tls);
            if (tls.isPresent() && url.filter(u -> !"ssl".equalsIgnoreCase(u.getScheme())).isPresent()) {
                mqtt.reject("url", "an ssl:// URL, since tls is set");
            }
            Duration reconnectMin = mqtt.duration("reconnect_min", true).orElse(null);
            Duration reconnectMax = mqtt.duration("reconnect_max", true).orElse(null);
            Duration min = reconnectMin == null ? Duration.ofSeconds(1) : reconnectMin;
            if (reconnectMax != null && reconnectMax.compareTo(min) < 0) {
                mqtt.reject("reconnect_max", "at least reconnect_min (" + Durations.format(min) + ")");
            }
            int maxPayload = mqtt.integer("max_payload_bytes", 1, MQTT_MAX_PAYLOAD)
                    .orElse(MqttCollectorConfig.DEFAULT_MAX_PAYLOAD_BYTES);
            Duration keepAlive = mqtt.duration("keep_alive", true).orElse(null);
            if (keepAlive != null && (keepAlive.toMillis() % 1000 != 0 || keepAlive.toSeconds() > 65_535)) {
                mqtt.reject("keep_alive", "whole seconds from 1s to 65535s");
                keepAlive = null;
            }
            int receiveQueue = mqtt.integer("receive_queue", 1, 1_000_000)
                    .orElse(MqttCollectorConfig.DEFAULT_RECEIVE_QUEUE);
            if (name.isEmpty() || url.isEmpty() || !topicsOk) {
                continue;
            }
            MqttCollectorConfig config = new MqttCollectorConfig(name.get(), url.get(), topics.orElse(null), qos,
                    clientId, username, password, tls.orElse(null), reconnectMin, reconnectMax, maxPayload,
                    keepAlive, receiveQueue);
            // Two clients with one id on one broker take the session from each other, over and over.
            String session = url.get().getHost().toLowerCase(Locale.ROOT) + ":" + url.get().getPort() + " "
                    + config.clientId();
            Item first = byBrokerAndClientId.putIfAbsent(session, item);
            if (first != null) {
                collectors.context().problem(mqtt.line(), mqtt.path("client_id"), config.clientId(),
                        "a client id not used by another collector on the same broker (also "
                                + first.reader().path() + ")");
            }
            URI alarmBroker = alarms.broker(Optional.of(result.isEmpty() ? config.url() : result.get(0).url()))
                    .orElseThrow();
            if (OwnOutputTopics.sameBroker(alarmBroker, config.url())) {
                checkNotOwnOutput(mqtt, config.topics(), topics.isPresent(), alarms.topicPrefix());
            }
            result.add(config);
        }
        return result;
    }

    private static boolean checkTopics(MappingReader mqtt, List<String> topics) {
        boolean ok = !topics.isEmpty();
        if (!ok) {
            mqtt.context().problem(mqtt.node("topics").orElseThrow(), mqtt.path("topics"), "[]",
                    "at least one topic filter, or no topics key for minewatch/+/+");
        }
        for (int i = 0; i < topics.size(); i++) {
            if (!validFilter(topics.get(i))) {
                ok = false;
                Node item = ((SequenceNode) mqtt.node("topics").orElseThrow()).getValue().get(i);
                mqtt.context().problem(item, mqtt.path("topics") + "[" + i + "]", topics.get(i),
                        "an MQTT topic filter: '+' and '#' alone in their level, '#' only last, such as minewatch/+/+");
            }
        }
        return ok;
    }

    private static void checkNotOwnOutput(MappingReader mqtt, List<String> topics, boolean given, String prefix) {
        String expected = "a topic filter that does not match the gateway's own output on this broker ("
                + prefix + "/{site}/{sensor}, " + prefix + "/_gateway/{code}, " + prefix + "/_notifications/{contact}"
                + "), which it would read back as readings; change the filter, alarms.topic_prefix, or alarms.mqtt.url";
        for (int i = 0; i < topics.size(); i++) {
            if (!OwnOutputTopics.matchedBy(topics.get(i), prefix)) {
                continue;
            }
            if (given) {
                Node item = ((SequenceNode) mqtt.node("topics").orElseThrow()).getValue().get(i);
                mqtt.context().problem(item, mqtt.path("topics") + "[" + i + "]", topics.get(i), expected);
            } else {
                mqtt.context().problem(mqtt.line(), mqtt.path("topics"), topics.get(i) + " (the default)", expected);
            }
        }
    }

    static boolean validFilter(String filter) {
        if (filter.isEmpty() || filter.indexOf('\0') >= 0) {
            return false;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean wildcard = level.equals("+") || level.equals("#");
            if (!wildcard && (level.contains("+") || level.contains("#"))) {
                return false;
            }
            if (level.equals("#") && i != levels.length - 1) {
                return false;
            }
        }
        return true;
    }

    private static TlsConfig tls(MappingReader tls) {
        Path caFile = readableFile(tls, "ca_file");
        Path keyStore = readableFile(tls, "key_store");
        String password = tls.string("key_store_password").orElse(null);
        if (password != null && !tls.has("key_store")) {
            tls.missing("key_store", "a PKCS#12 key store file, since key_store_password is set");
        }
        return new TlsConfig(caFile, keyStore, password);
    }

    private static Path readableFile(MappingReader reader, String key) {
        String expected = "a readable file (relative paths start at the configuration file's directory)";
        Optional<Path> path = reader.path(key, expected);
        if (path.isPresent() && !Files.isReadable(path.get())) {
            reader.reject(key, expected + ", not found at " + path.get());
            return null;
        }
        return path.orElse(null);
    }
}
