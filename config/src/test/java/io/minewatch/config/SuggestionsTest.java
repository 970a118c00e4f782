package io.minewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> MQTT_KEYS = List.of("name", "url", "topics", "qos", "client_id", "username",
            "password", "tls", "reconnect_min", "reconnect_max", "max_payload_bytes");

    @Test
    void suggestsTheKeyWithUnderscoreForAHyphenatedOne() {
        assertThat(Suggestions.nearest("client-id", MQTT_KEYS)).contains("client_id");
        assertThat(Suggestions.nearest("Max-Payload-Bytes", MQTT_KEYS)).contains("max_payload_bytes");
    }

    @Test
    void suggestsForTyposAndTranspositions() {
        assertThat(Suggestions.nearest("topic", MQTT_KEYS)).contains("topics");
        assertThat(Suggestions.nearest("qso", MQTT_KEYS)).contains("qos");
        assertThat(Suggestions.nearest("pasword", MQTT_KEYS)).contains("password");
        assertThat(Suggestions.nearest("reconect_max", MQTT_KEYS)).contains("reconnect_max");
    }

    @Test
    void suggestsNothingForAWordFarFromEveryKey() {
        assertThat(Suggestions.nearest("colour", MQTT_KEYS)).isEmpty();
        assertThat(Suggestions.nearest("x", MQTT_KEYS)).isEmpty();
        assertThat(Suggestions.nearest("a".repeat(10_000), MQTT_KEYS)).isEmpty();
    }

    @Test
    void countsEditsIgnoringCase() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("QOS", "qos")).isZero();
        assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
    }
}
