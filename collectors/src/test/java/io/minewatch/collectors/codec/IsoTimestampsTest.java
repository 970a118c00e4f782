package io.minewatch.collectors.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-22T10:00:00Z", "2025-11-22T10:00:00.1Z", "2025-11-22T10:00:00.12Z",
            "2025-11-22T10:00:00.123Z", "2025-11-22T10:00:00.123456789Z", "2025-11-22T18:00:00+08:00",
            "2025-11-22T02:30:00.5-07:30", "2024-02-29T23:59:59.999+00:00", "1999-12-31T23:59:59-18:00",
            "2025-11-22t10:00:00z", "2025-11-22T10:00:00+08:00:30", "2025-11-22T10:00+01:00", "2025-11-22T10:00:00.Z"})
    void agreesWithTheJdkParser(String text) {
        long expected = OffsetDateTime.parse(text).toInstant().toEpochMilli();

        assertThat(IsoTimestamps.toEpochMillis(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-22T10:00:00", "2025-02-29T10:00:00Z", "2025-13-01T10:00:00Z",
            "2025-11-22T24:00:00Z", "2025-11-22T10:00:60Z", "2025-11-22T10:00:00+19:00",
            "2025-11-22 10:00:00Z", "2025-11-22T10:00:00.1234567890Z", "x025-11-22T10:00:00Z", ""})
    void rejectsWhatTheJdkParserRejects(String text) {
        assertThatThrownBy(() -> IsoTimestamps.toEpochMillis(text)).isInstanceOf(DateTimeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-22T10:00:00.123Z"})
    void truncatesToMilliseconds(String text) {
        assertThat(IsoTimestamps.toEpochMillis("2025-11-22T10:00:00.123999Z"))
                .isEqualTo(Instant.parse(text).toEpochMilli());
    }
}
