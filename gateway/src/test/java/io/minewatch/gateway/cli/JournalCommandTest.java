package io.minewatch.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minewatch.gateway.journal.JournalFixtures;
import io.minewatch.gateway.journal.JournalSegments;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path journalFile() throws Exception {
        JournalFixtures.write(dir, 6);
        return dir.resolve(JournalSegments.fileName(1));
    }

    @Test
    void verifyExitsZeroWithASummaryForAnIntactJournalDirectory() throws Exception {
        journalFile();

        assertThat(run("journal", "verify", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("journal intact: 6 entries, seq 1 to 6");
    }

    @Test
    void verifyExitsOneNamingADeletedEntryOfACopiedFile() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(journalFile()));
        lines.remove(2);
        Path copy = Files.write(dir.resolve("copy.jsonl"), lines);

        assertThat(run("journal", "verify", copy.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("journal NOT intact: removed: entry 3 was removed")
                .contains("the chain holds up to entry 2");
    }

    @Test
    void verifyExitsOneNamingAnEditedEntry() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(journalFile()));
        lines.set(3, lines.get(3).replace("\"registered\":true", "\"registered\":false"));
        Path copy = Files.write(dir.resolve("copy.jsonl"), lines);

        assertThat(run("journal", "verify", copy.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("altered: entry seq 4 (line 4");
    }

    @Test
    void verifyAfterAHashChecksThatTheFilesContinueFromIt() throws Exception {
        List<String> lines = Files.readAllLines(journalFile());
        String anchor = lines.get(2).substring(lines.get(2).length() - 66, lines.get(2).length() - 2);
        Path received = Files.write(dir.resolve("received.jsonl"), lines.subList(3, 6));

        assertThat(run("journal", "verify", "--after", anchor, received.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("journal intact: 3 entries, seq 4 to 6");
        assertThat(run("journal", "verify", "--after", "0".repeat(64), received.toString())).isEqualTo(1);
        assertThat(run("journal", "verify", "--after", "abc", received.toString())).isEqualTo(2);
    }

    @Test
    void verifyWithoutAPathIsAUsageError() {
        assertThat(run("journal", "verify")).isEqualTo(2);
        assertThat(run("journal")).isEqualTo(2);
    }

    @Test
    void verifyOfAMissingFileExitsOne() {
        assertThat(run("journal", "verify", dir.resolve("absent.jsonl").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("absent.jsonl: cannot read");
    }
}
