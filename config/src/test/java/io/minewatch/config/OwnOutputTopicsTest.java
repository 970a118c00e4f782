package io.minewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OwnOutputTopicsTest {

    @ParameterizedTest(name = "{0} under {1}: {2}")
    @CsvSource({
        "minewatch/+/+,         minewatch/alarms, false",
        "minewatch/#,           minewatch/alarms, true",
        "#,                     minewatch/alarms, true",
        "minewatch/alarms/#,    minewatch/alarms, true",
        "minewatch/+/+/+,       minewatch/alarms, true",
        "minewatch/alarms/+/+,  minewatch/alarms, true",
        "+/alarms/_gateway/+,   minewatch/alarms, true",
        "minewatch/alarms/CM01/CM01-CH4-T1, minewatch/alarms, true",
        "minewatch/alarms/+,    minewatch/alarms, false",
        "minewatch/alarms/+/+/+, minewatch/alarms, false",
        "minewatch/alarmz/+/+,  minewatch/alarms, false",
        "plant/#,               minewatch/alarms, false",
        "minewatch/+/+,         minewatch, true",
        "minewatch/+/+,         alarms, false",
        "minewatch//+,          minewatch, false",
    })
    void tellsWhetherAFilterMatchesTheGatewaysOwnOutput(String filter, String prefix, boolean matched) {
        assertThat(OwnOutputTopics.matchedBy(filter, prefix)).isEqualTo(matched);
    }

    @ParameterizedTest(name = "{0} and {1}: {2}")
    @CsvSource({
        "tcp://127.0.0.1:1883,  tcp://127.0.0.1:1883,  true",
        "tcp://Broker.Local,    tcp://broker.local:1883, true",
        "ssl://broker:8883,     tcp://broker:8883,     true",
        "tcp://127.0.0.1:1883,  tcp://127.0.0.1:1884,  false",
        "tcp://10.0.0.1:1883,   tcp://10.0.0.2:1883,   false",
    })
    void tellsWhetherTwoUrlsNameOneBroker(String a, String b, boolean same) {
        assertThat(OwnOutputTopics.sameBroker(URI.create(a), URI.create(b))).isEqualTo(same);
    }
}
