package io.minewatch.collectors.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minewatch.collectors.mqtt.MqttTopics.SiteSensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MqttTopicsTest {

    private final MqttTopics defaults = new MqttTopics(List.of("minewatch/+/+"));

    @Test
    void readsSiteAndSensorFromTheLastTwoLevels() {
        assertThat(defaults.parse("minewatch/CM01/CM01-CH4-T1")).contains(new SiteSensor("CM01", "CM01-CH4-T1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"minewatch/CM01", "minewatch", "minewatch//S1", "minewatch/CM01/", "minewatch/CM01/S1/x",
            "other/CM01/S1", ""})
    void hasNoSiteAndSensorWhenTheTopicDoesNotEndInThem(String topic) {
        assertThat(defaults.parse(topic)).isEmpty();
    }

    @Test
    void takesTheLastTwoLevelsBelowAMultiLevelWildcard() {
        MqttTopics topics = new MqttTopics(List.of("mines/#"));

        assertThat(topics.parse("mines/shanxi/CM01/CM01-CH4-T1")).contains(new SiteSensor("CM01", "CM01-CH4-T1"));
        assertThat(topics.parse("mines/CM01/S1")).contains(new SiteSensor("CM01", "S1"));
    }

    @Test
    void neverTakesThePrefixOfAMultiLevelFilterAsSite() {
        MqttTopics topics = new MqttTopics(List.of("minewatch/#"));

        assertThat(topics.parse("minewatch/CM01")).isEmpty();
        assertThat(topics.parse("minewatch")).isEmpty();
        assertThat(topics.parse("minewatch/")).isEmpty();
    }

    @Test
    void rejectsEmptyLevelsAfterThePrefix() {
        MqttTopics topics = new MqttTopics(List.of("mines/#"));

        assertThat(topics.parse("mines/a//CM01/S1")).isEmpty();
        assertThat(topics.parse("mines//CM01/S1")).isEmpty();
    }

    @Test
    void letsAFilterNameTheSiteLiterally() {
        MqttTopics topics = new MqttTopics(List.of("minewatch/CM01/+"));

        assertThat(topics.parse("minewatch/CM01/S1")).contains(new SiteSensor("CM01", "S1"));
        assertThat(topics.parse("minewatch/CM02/S1")).isEmpty();
    }

    @Test
    void acceptsAFullyLiteralFilter() {
        MqttTopics topics = new MqttTopics(List.of("minewatch/CM01/S1"));

        assertThat(topics.parse("minewatch/CM01/S1")).contains(new SiteSensor("CM01", "S1"));
    }

    @Test
    void usesTheFirstMatchingFilter() {
        MqttTopics topics = new MqttTopics(List.of("plant/+/+/+", "minewatch/+/+"));

        assertThat(topics.parse("plant/area/CM01/S1")).contains(new SiteSensor("CM01", "S1"));
        assertThat(topics.parse("minewatch/TP01/TP01-WL-1")).contains(new SiteSensor("TP01", "TP01-WL-1"));
    }

    @Test
    void matchesASharedSubscriptionByItsFilter() {
        MqttTopics topics = new MqttTopics(List.of("$share/gateways/minewatch/+/+"));

        assertThat(topics.parse("minewatch/CM01/S1")).contains(new SiteSensor("CM01", "S1"));
    }

    @Test
    void doesNotMatchSystemTopicsWithALeadingWildcard() {
        MqttTopics topics = new MqttTopics(List.of("#"));

        assertThat(topics.parse("$SYS/broker/uptime")).isEmpty();
        assertThat(topics.parse("minewatch/CM01/S1")).contains(new SiteSensor("CM01", "S1"));
    }

    @Test
    void refusesMalformedFilters() {
        assertThatThrownBy(() -> new MqttTopics(List.of("minewatch/#/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic filter : minewatch/#/x (expected: + and # as whole levels, # only last)");
        assertThatThrownBy(() -> new MqttTopics(List.of("minewatch/a+/b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MqttTopics(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topicFilters : [] (expected: at least one topic filter)");
    }
}
