package io.minewatch.gateway.storage;

import static io.minewatch.gateway.storage.Samples.T0;
import static io.minewatch.gateway.storage.Samples.ch4;
import static io.minewatch.gateway.storage.Samples.escalated;
import static io.minewatch.gateway.storage.Samples.raised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.minewatch.collectors.Reading;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmTransition;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SpoolCodecTest {

    private final List<Reading> readings = IntStream.range(0, 50)
            .mapToObj(i -> ch4("CM01-CH4-" + (i % 7), T0 + i * 997L, i / 10.0)).toList();
    private final List<AlarmEvent> events = List.of(raised("e1", "CM01-CH4-1", T0), escalated("e2", "CM01-CH4-1",
            T0 + 5));

    @Test
    void decodesWhatItEncoded() throws Exception {
        SpoolCodec.Decoded decoded = SpoolCodec.decode(SpoolCodec.encode(readings, events));

        assertThat(decoded.readings()).isEqualTo(readings);
        assertThat(decoded.events()).isEqualTo(events);
    }

    @Test
    void writesARepeatedSensorIdOnceAndATimestampAsASmallDelta() {
        byte[] bytes = SpoolCodec.encode(readings, List.of());

        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text.split("CM01-CH4-3", -1)).as("one occurrence of a sensor with 7 readings").hasSize(2);
        // 8 bytes of value, 2 of timestamp delta, 5 of indexes, receive delay and flags, 2 of string table
        assertThat(bytes.length / (double) readings.size()).isLessThan(18);
    }

    @Test
    void reportsEveryCutShortEntryAsUnreadable() {
        byte[] bytes = SpoolCodec.encode(readings, events);

        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThat(catchThrowable(() -> SpoolCodec.decode(cut))).as("cut at %d", length)
                    .isInstanceOf(SpoolCodec.UnreadableException.class);
        }
    }

    @Test
    void reportsDamagedBytesAsUnreadableOrDecodesThemButNeverFailsOtherwise() {
        byte[] bytes = SpoolCodec.encode(readings, events);
        SplittableRandom random = new SplittableRandom(42);

        for (int i = 0; i < 5_000; i++) {
            byte[] damaged = bytes.clone();
            damaged[1 + random.nextInt(damaged.length - 1)] = (byte) random.nextInt(256);
            Throwable thrown = catchThrowable(() -> SpoolCodec.decode(damaged));
            assertThat(thrown).as("damage %d", i).satisfiesAnyOf(
                    t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(SpoolCodec.UnreadableException.class));
        }
    }

    @Test
    void refusesAnotherFormatVersion() {
        byte[] bytes = SpoolCodec.encode(readings, events);
        bytes[0] = 3;

        assertThat(catchThrowable(() -> SpoolCodec.decode(bytes))).isInstanceOf(SpoolCodec.UnreadableException.class)
                .hasMessage("unknown format version 3 (expected: 1 or 2)");
    }

    @Test
    void decodesAnEventsDetails() throws Exception {
        AlarmEvent acknowledged = Samples.event("e3", "CM01-CH4-1", AlarmTransition.ACKNOWLEDGED, "ch4_limit",
                T0 + 9, T0 + 9).withDetails(java.util.Map.of("acknowledged_by", "li.wei", "note", "fan 2 restarted"));

        SpoolCodec.Decoded decoded = SpoolCodec.decode(SpoolCodec.encode(readings, List.of(acknowledged)));

        assertThat(decoded.events()).containsExactly(acknowledged);
        assertThat(decoded.events().get(0).details()).isEqualTo(acknowledged.details());
    }

    @Test
    void decodesAnEntryOfTheFirstVersionWithoutDetails() throws Exception {
        // Version 1 is version 2 without the details count that ends each event (here the entry's last byte).
        byte[] current = SpoolCodec.encode(readings, List.of(raised("e1", "CM01-CH4-1", T0)));
        byte[] version1 = Arrays.copyOf(current, current.length - 1);
        version1[0] = 1;

        assertThat(SpoolCodec.decode(version1).events()).containsExactly(raised("e1", "CM01-CH4-1", T0));
        assertThat(SpoolCodec.decode(version1).readings()).isEqualTo(readings);
    }
}
