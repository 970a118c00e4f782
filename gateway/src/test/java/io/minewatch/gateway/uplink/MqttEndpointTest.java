package io.minewatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.gateway.journal.JournalEntry;
import io.minewatch.gateway.journal.JournalFixtures;
import io.minewatch.gateway.journal.JournalFormat;
import org.junit.jupiter.api.Test;

class MqttEndpointTest {

    private static JournalEntry entry(int event) throws Exception {
        return JournalFixtures.FORMAT.parse(JournalFormat.line(1, JournalFormat.GENESIS_HASH,
                JournalFixtures.JSON.toBytes(JournalFixtures.event(event))));
    }

    @Test
    void fillsSiteAndSensorIntoTheTopicTemplate() throws Exception {
        assertThat(MqttEndpoint.topic("r/{site}/x/{sensor}", entry(1))).isEqualTo("r/CM01/x/CM01-CH4-T1");
    }

    @Test
    void usesATopicWithoutPlaceholdersAsItIs() throws Exception {
        assertThat(MqttEndpoint.topic("regulator/alarms", entry(0))).isEqualTo("regulator/alarms");
    }
}
