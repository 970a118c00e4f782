package io.minewatch.config;

import io.minewatch.config.MappingReader.Item;
import io.minewatch.config.MqttCollectorConfig.TlsConfig;
import io.minewatch.config.UplinkConfig.EndpointType;
import io.minewatch.config.UplinkConfig.JournalConfig;
import io.minewatch.config.UplinkConfig.RegulatorConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads {@code journal:} and {@code uplink:} into an {@link UplinkConfig}. */
final class UplinkReader {

    static final long MIN_SEGMENT_BYTES = 1L << 20;
    private static final List<String> WEBHOOK_SCHEMES = List.of("https", "http");
    private static final String TYPES = "mqtt or webhook";

    private UplinkReader() {
    }

    static UplinkConfig read(MappingReader root) {
        JournalConfig journal = root.mapping("journal", "path", "segment_size", "sync_timeout")
                .map(UplinkReader::journal).orElse(null);
        List<RegulatorConfig> regulators = root.mapping("uplink", "regulators")
                .map(UplinkReader::regulators).orElse(List.of());
        return new UplinkConfig(journal, regulators);
    }

    private static JournalConfig journal(MappingReader journal) {
        Path path = journal.path("path", "a directory (relative paths start at the configuration file's directory)")
                .orElse(null);
        String expected = ByteSizes.EXPECTED.replaceFirst("^a size", "a size of at least "
                + ByteSizes.format(MIN_SEGMENT_BYTES));
        long segment = journal.scalar("segment_size", expected).map(s -> {
            OptionalLong bytes = ByteSizes.parse(s.text());
            if (bytes.isPresent() && bytes.getAsLong() >= MIN_SEGMENT_BYTES) {
                return bytes.getAsLong();
            }
            journal.report("segment_size", s, expected);
            return 0L;
        }).orElse(0L);
        Duration syncTimeout = journal.duration("sync_timeout", true).orElse(null);
        return new JournalConfig(path, segment, syncTimeout);
    }

    private static List<RegulatorConfig> regulators(MappingReader uplink) {
        List<RegulatorConfig> result = new ArrayList<>();
        Map<String, Item> byName = new HashMap<>();
        for (Item item : uplink.mappings("regulators", "name", "type", "url", "topic", "qos", "client_id",
                "username", "password", "tls", "token", "timeout", "retry_min", "retry_max")) {
            MappingReader r = item.reader();
            Optional<String> name = r.identifier("name", true);
            name.ifPresent(n -> {
                Item first = byName.putIfAbsent(n, item);
                if (first != null) {
                    r.reject("name", "a regulator name used once (also " + first.reader().path() + ")");
                }
            });
            Optional<EndpointType> type = r.choice("type", EndpointType::byId, TYPES, true);
            Optional<URI> url = Optional.empty();
            if (!r.has("url")) {
                r.missing("url", "the regulator's URL: tcp://HOST:PORT or ssl://HOST:PORT for mqtt, "
                        + "https://HOST/PATH for webhook (required)");
            } else if (type.isPresent()) {
                url = type.get() == EndpointType.MQTT ? r.uri("url", CollectorsReader.MQTT_SCHEMES, true)
                        : r.uri("url", WEBHOOK_SCHEMES, false);
            }
            boolean mqtt = type.filter(t -> t == EndpointType.MQTT).isPresent();
            boolean webhook = type.filter(t -> t == EndpointType.WEBHOOK).isPresent();
            for (String key : List.of("topic", "qos", "client_id", "username", "password", "tls")) {
                if (webhook) {
                    r.reject(key, "no " + key + " for a webhook endpoint (it is an mqtt setting)");
                }
            }
            if (mqtt) {
                r.reject("token", "no token for an mqtt endpoint (use username and password)");
            }
            Optional<String> topic = r.string("topic");
            topic.filter(t -> !validTopic(t)).ifPresent(t -> r.reject("topic",
                    "an MQTT topic without + or #, where {site} and {sensor} stand for the event's site and sensor, "
                            + "such as " + RegulatorConfig.DEFAULT_TOPIC));
            int qos = r.integer("qos", 1, 2).orElse(1);
            Optional<TlsConfig> tls = r.mapping("tls", "ca_file", "key_store", "key_store_password")
                    .map(UplinkReader::tls);
            if (tls.isPresent() && url.filter(u -> !"ssl".equalsIgnoreCase(u.getScheme())).isPresent()) {
                r.reject("url", "an ssl:// URL, since tls is set");
            }
            Duration timeout = r.duration("timeout", true).orElse(null);
            Duration retryMin = r.duration("retry_min", true).orElse(null);
            Duration retryMax = r.duration("retry_max", true).orElse(null);
            Duration min = retryMin == null ? Duration.ofSeconds(1) : retryMin;
            if (retryMax != null && retryMax.compareTo(min) < 0) {
                r.reject("retry_max", "at least retry_min (" + Durations.format(min) + ")");
                retryMax = null;
            }
            if (name.isEmpty() || type.isEmpty() || url.isEmpty()) {
                continue;
            }
            result.add(new RegulatorConfig(name.get(), type.get(), url.get(), topic.orElse(null), qos,
                    r.string("client_id").orElse(null), r.string("username").orElse(null),
                    r.string("password").orElse(null), tls.orElse(null), r.string("token").orElse(null), timeout,
                    retryMin, retryMax));
        }
        return result;
    }

    static boolean validTopic(String topic) {
        return !topic.isEmpty() && topic.indexOf('+') < 0 && topic.indexOf('#') < 0 && topic.indexOf('\0') < 0;
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
