package io.minewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {

    @Test
    void readsBinaryAndDecimalUnitsAndBareBytes() {
        assertThat(ByteSizes.parse("512MiB")).hasValue(512L * 1024 * 1024);
        assertThat(ByteSizes.parse("1GiB")).hasValue(1L << 30);
        assertThat(ByteSizes.parse("1.5GiB")).hasValue(3L << 29);
        assertThat(ByteSizes.parse("2TiB")).hasValue(2L << 40);
        assertThat(ByteSizes.parse("64KiB")).hasValue(65_536);
        assertThat(ByteSizes.parse("200MB")).hasValue(200_000_000);
        assertThat(ByteSizes.parse("3kB")).hasValue(3_000);
        assertThat(ByteSizes.parse("1GB")).hasValue(1_000_000_000);
        assertThat(ByteSizes.parse("1TB")).hasValue(1_000_000_000_000L);
        assertThat(ByteSizes.parse(" 100 mib ")).hasValue(100L << 20);
        assertThat(ByteSizes.parse("4096")).hasValue(4096);
        assertThat(ByteSizes.parse("4096B")).hasValue(4096);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MiB", "-1GiB", "1 GiB 2", "1GiBs", "1PB", "1Gb ps", "1.5", "1.5B", "1,5GiB",
            "9223372036854775808", "9000000TiB", "ten MB", "0x10MB"})
    void rejectsAnythingElse(String text) {
        assertThat(ByteSizes.parse(text)).isEmpty();
    }

    @Test
    void formatsInTheLargestExactUnitBinaryFirst() {
        assertThat(ByteSizes.format(1L << 30)).isEqualTo("1GiB");
        assertThat(ByteSizes.format(3L << 29)).isEqualTo("1536MiB");
        assertThat(ByteSizes.format(16L << 20)).isEqualTo("16MiB");
        assertThat(ByteSizes.format(2048)).isEqualTo("2KiB");
        assertThat(ByteSizes.format(200_000_000)).isEqualTo("200MB");
        assertThat(ByteSizes.format(3_000)).isEqualTo("3kB");
        assertThat(ByteSizes.format(1001)).isEqualTo("1001B");
        assertThat(ByteSizes.format(0)).isEqualTo("0B");
    }
}
