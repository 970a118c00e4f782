package io.minewatch.simulators.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadingStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sensorsTakeTurnsOnTheirOwnTopics() {
        ReadingStream stream = new ReadingStream("BENCH0", 10, 3, 0.0, 1);

        assertThat(stream.next(1).topic()).isEqualTo("minewatch/BENCH0/BENCH0-CH4-10");
        assertThat(stream.next(1).topic()).isEqualTo("minewatch/BENCH0/BENCH0-CH4-11");
        assertThat(stream.next(1).topic()).isEqualTo("minewatch/BENCH0/BENCH0-CH4-12");
        assertThat(stream.next(1).topic()).isEqualTo("minewatch/BENCH0/BENCH0-CH4-10");
    }

    @Test
    void aSensorNeverRepeatsATimestampEvenWithinOneMillisecond() throws IOException {
        ReadingStream stream = new ReadingStream("BENCH0", 0, 2, 0.0, 5);
        Map<String, Set<Long>> seen = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            ReadingStream.Message message = stream.next(1_000);
            for (JsonNode reading : JSON.readTree(message.payload())) {
                assertThat(seen.computeIfAbsent(message.sensor(), s -> new HashSet<>()).add(reading.get("ts")
                        .asLong())).isTrue();
            }
        }
        assertThat(seen.values()).allSatisfy(timestamps -> assertThat(timestamps).hasSize(250));
    }

    @Test
    void theConfiguredShareCrossesTheAlarmAndNeverTwiceInARowForOneSensor() {
        ReadingStream stream = new ReadingStream("BENCH0", 0, 100, 0.01, 1);
        Map<String, Boolean> lastCrossed = new HashMap<>();
        int crossing = 0;
        for (int i = 0; i < 20_000; i++) {
            ReadingStream.Message message = stream.next(i);
            boolean crossed = new String(message.payload(), java.nio.charset.StandardCharsets.US_ASCII)
                    .startsWith("{\"value\":1.2,");
            assertThat(message.alarmTimestamps()).hasSize(crossed ? 1 : 0);
            if (crossed) {
                crossing++;
                assertThat(lastCrossed.getOrDefault(message.sensor(), false)).isFalse();
            }
            lastCrossed.put(message.sensor(), crossed);
        }
        assertThat(crossing).isBetween(195, 200);
    }

    @Test
    void aBatchIsAJsonArrayOfTheSensorsReadingsInTheDefaultCodec() throws IOException {
        ReadingStream.Message message = new ReadingStream("BENCH2", 0, 1, 0.0, 3).next(1_763_769_600_000L);

        JsonNode batch = JSON.readTree(message.payload());
        assertThat(batch.isArray()).isTrue();
        assertThat(batch).hasSize(3);
        assertThat(batch.get(0).toString())
                .isEqualTo("{\"value\":0.3,\"ts\":1763769600000,\"kind\":\"ch4\",\"unit\":\"%\"}");
        assertThat(message.readings()).isEqualTo(3);
    }
}
