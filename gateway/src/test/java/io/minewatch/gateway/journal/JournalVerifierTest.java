package io.minewatch.gateway.journal;

import static io.minewatch.gateway.journal.JournalFixtures.FORMAT;
import static io.minewatch.gateway.journal.JournalFixtures.lines;
import static io.minewatch.gateway.journal.JournalFixtures.onlyFile;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal of 10 entries is copied, then edited as a mine hiding an alarm would edit it. */
class JournalVerifierTest {

    @TempDir
    Path directory;
    @TempDir
    Path copies;

    private final JournalVerifier verifier = new JournalVerifier(FORMAT);
    private List<String> original;
    private Path copy;

    @BeforeEach
    void writeAndCopy() throws Exception {
        JournalFixtures.write(directory, 10);
        original = lines(onlyFile(directory));
        copy = copies.resolve("copy.jsonl");
    }

    @Test
    void findsAnUntouchedJournalIntact() throws Exception {
        VerifyReport report = verifier.verifyDirectory(directory);

        assertThat(report.problem()).isEmpty();
        assertThat(report.entries()).isEqualTo(10);
        assertThat(report.firstSeq()).isEqualTo(1);
        assertThat(report.lastSeq()).isEqualTo(10);
        assertThat(report.lastHash()).isEqualTo(FORMAT.parse(original.get(9).getBytes(StandardCharsets.UTF_8))
                .hash());
    }

    @Test
    void namesAnEditedEntry() throws Exception {
        List<String> edited = new ArrayList<>(original);
        edited.set(4, edited.get(4).replace("\"value\":1.2", "\"value\":0.9"));
        Files.write(copy, edited);

        VerifyReport.Problem problem = verifier.verify(List.of(copy)).problem().orElseThrow();

        assertThat(problem.kind()).isEqualTo(VerifyReport.Kind.ALTERED);
        assertThat(problem.seq()).isEqualTo(5);
        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.message()).contains("entry seq 5").contains("ev-4");
    }

    @Test
    void namesAnEditedEntryWhoseHashWasRecomputed() throws Exception {
        List<String> edited = new ArrayList<>(original);
        String line = edited.get(4);
        String prev = FORMAT.parse(line.getBytes(StandardCharsets.UTF_8)).prevHash();
        String event = line.substring(line.indexOf("\"event\":") + 8, line.lastIndexOf(",\"hash\":\""))
                .replace("\"value\":1.2", "\"value\":0.9");
        edited.set(4, new String(JournalFormat.line(5, prev, event.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8));
        Files.write(copy, edited);

        VerifyReport.Problem problem = verifier.verify(List.of(copy)).problem().orElseThrow();

        assertThat(problem.kind()).isEqualTo(VerifyReport.Kind.ALTERED);
        assertThat(problem.seq()).isEqualTo(5);
        assertThat(problem.message()).contains("rehashed");
    }

    @Test
    void namesADeletedEntry() throws Exception {
        List<String> edited = new ArrayList<>(original);
        edited.remove(6);
        Files.write(copy, edited);

        VerifyReport report = verifier.verify(List.of(copy));
        VerifyReport.Problem problem = report.problem().orElseThrow();

        assertThat(problem.kind()).isEqualTo(VerifyReport.Kind.REMOVED);
        assertThat(problem.message()).startsWith("entry 7 was removed").contains("entry seq 8");
        assertThat(report.lastSeq()).isEqualTo(6);
    }

    @Test
    void namesAnInsertedEntryEvenWhenItIsWellFormedAndChained() throws Exception {
        List<String> edited = new ArrayList<>(original);
        String after = FORMAT.parse(edited.get(2).getBytes(StandardCharsets.UTF_8)).hash();
        byte[] event = JournalFixtures.JSON.toBytes(JournalFixtures.event(99));
        String forged = new String(JournalFormat.line(4, after, event), StandardCharsets.UTF_8);
        edited.add(3, forged);
        Files.write(copy, edited);

        VerifyReport.Problem problem = verifier.verify(List.of(copy)).problem().orElseThrow();

        assertThat(problem.kind()).isEqualTo(VerifyReport.Kind.INSERTED);
        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.seq()).isEqualTo(4);
        assertThat(problem.message()).contains("inserted after entry seq 3");
    }

    @Test
    void namesSeveralDeletedEntries() throws Exception {
        List<String> edited = new ArrayList<>(original);
        edited.subList(3, 6).clear();
        Files.write(copy, edited);

        assertThat(verifier.verify(List.of(copy)).problem().orElseThrow().message())
                .startsWith("entries 4 to 6 were removed");
    }

    @Test
    void checksAReceivedSequenceAgainstTheLastHashVerifiedBefore() throws Exception {
        String anchor = FORMAT.parse(original.get(5).getBytes(StandardCharsets.UTF_8)).hash();
        Files.write(copy, original.subList(6, 10));

        VerifyReport report = verifier.verifyFrom(anchor, List.of(copy));
        assertThat(report.problem()).isEmpty();
        assertThat(report.firstSeq()).isEqualTo(7);

        Files.write(copy, original.subList(7, 10));
        assertThat(verifier.verifyFrom(anchor, List.of(copy)).problem().orElseThrow().kind())
                .isEqualTo(VerifyReport.Kind.REMOVED);
    }

    @Test
    void namesALineThatIsNoEntry() throws Exception {
        List<String> edited = new ArrayList<>(original);
        edited.set(1, "hello");
        Files.write(copy, edited);

        VerifyReport.Problem problem = verifier.verify(List.of(copy)).problem().orElseThrow();

        assertThat(problem.kind()).isEqualTo(VerifyReport.Kind.UNREADABLE);
        assertThat(problem.line()).isEqualTo(2);
    }

    @Test
    void findsTheFirstEntriesRemovedFromAFirstFile() throws Exception {
        Path renamed = copies.resolve(JournalSegments.fileName(1));
        Files.write(renamed, original.subList(2, 10));

        VerifyReport report = verifier.verifyDirectory(copies);

        assertThat(report.notes()).anyMatch(n -> n.contains("named for entry 1 but starts with entry 3"));
    }

    @Test
    void notesAnIncompleteLastLineWithoutCallingItTampering() throws Exception {
        Files.write(copy, original);
        Files.writeString(copy, original.get(0).substring(0, 30), StandardOpenOption.APPEND);

        VerifyReport report = verifier.verify(List.of(copy));

        assertThat(report.problem()).isEmpty();
        assertThat(report.entries()).isEqualTo(10);
        assertThat(report.notes()).anyMatch(n -> n.contains("incomplete"));
    }
}
