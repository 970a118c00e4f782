package io.minewatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UplinkCursorTest {

    @TempDir
    Path directory;

    @Test
    void startsAtZeroWithoutAFile() throws Exception {
        assertThat(UplinkCursor.open(directory, "county").seq()).isZero();
    }

    @Test
    void keepsWhatWasPersistedAcrossOpens() throws Exception {
        UplinkCursor cursor = UplinkCursor.open(directory, "county");
        cursor.advance(41, "aa");
        cursor.persist();
        cursor.advance(42, "bb");

        UplinkCursor reopened = UplinkCursor.open(directory, "county");

        assertThat(reopened.seq()).isEqualTo(41);
        assertThat(reopened.hash()).isEqualTo("aa");
        assertThat(Files.readString(directory.resolve("county.cursor"))).isEqualTo("41 aa\n");
        assertThat(directory.resolve("county.cursor.tmp")).doesNotExist();
    }

    @Test
    void keepsEndpointsApart() throws Exception {
        UplinkCursor county = UplinkCursor.open(directory, "county");
        county.advance(5, "x");
        county.persist();

        assertThat(UplinkCursor.open(directory, "province").seq()).isZero();
    }

    @Test
    void startsAgainFromZeroWhenTheFileIsUnreadable() throws Exception {
        Files.writeString(directory.resolve("county.cursor"), "garbage");

        assertThat(UplinkCursor.open(directory, "county").seq()).isZero();
    }
}
