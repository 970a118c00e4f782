package io.minewatch.simulators.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PublisherSettingsTest {

    @Test
    void defaultsToOneReadingPerSecondUnderMinewatch() {
        PublisherSettings settings = PublisherSettings.of("tcp://127.0.0.1:1883");

        assertThat(settings.period()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.topicOf("CM01", "CM01-CH4-T1")).isEqualTo("minewatch/CM01/CM01-CH4-T1");
        assertThat(settings.clientId()).startsWith("mwfleet-").hasSizeLessThanOrEqualTo(23);
    }

    @Test
    void generatesADistinctClientIdForEveryPublisher() {
        assertThat(PublisherSettings.of("tcp://127.0.0.1:1883").clientId())
                .isNotEqualTo(PublisherSettings.of("tcp://127.0.0.1:1883").clientId());
    }

    @Test
    void topicRootMayHaveSeveralLevels() {
        PublisherSettings settings = PublisherSettings.of("tcp://127.0.0.1:1883").withTopicRoot("it/run7/minewatch");

        assertThat(settings.topicOf("TP01", "TP01-WL-01")).isEqualTo("it/run7/minewatch/TP01/TP01-WL-01");
    }

    @Test
    void rejectsABrokerUrlPahoCannotUse() {
        assertThatThrownBy(() -> PublisherSettings.of("http://127.0.0.1:1883"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("brokerUrl : http://127.0.0.1:1883 (expected: tcp://host:port, or ssl://, ws://, wss://)");
        assertThatThrownBy(() -> PublisherSettings.of("127.0.0.1:1883"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("brokerUrl : 127.0.0.1:1883 (expected:");
    }

    @Test
    void rejectsWildcardsInTheTopicRootAndTooShortAPeriod() {
        PublisherSettings settings = PublisherSettings.of("tcp://127.0.0.1:1883");

        assertThatThrownBy(() -> settings.withTopicRoot("minewatch/#"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("topicRoot : 'minewatch/#' (expected:");
        assertThatThrownBy(() -> settings.withPeriod(Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("period : PT0.001S (expected: >= PT0.01S)");
    }
}
