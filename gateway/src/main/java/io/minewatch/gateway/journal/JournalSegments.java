package io.minewatch.gateway.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The journal's files: {@code journal-<first seq, 20 digits>.jsonl} in one directory. A new file starts when the last
 * one passes the configured size; the chain runs on across files (a file's first entry names the last hash of the
 * file before), so concatenating them in name order gives the whole journal.
 */
public final class JournalSegments {

    private static final Pattern NAME = Pattern.compile("journal-(\\d{20})\\.jsonl");

    /** One file and the seq of its first entry. */
    public record Segment(long firstSeq, Path file) {
    }

    private JournalSegments() {
    }

    public static String fileName(long firstSeq) {
        return String.format("journal-%020d.jsonl", firstSeq);
    }

    /** The journal files in {@code directory}, in seq order; empty when there are none (or no directory). */
    public static List<Segment> list(Path directory) throws IOException {
        List<Segment> segments = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return segments;
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(file -> {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches()) {
                    segments.add(new Segment(Long.parseLong(m.group(1)), file));
                }
            });
        }
        segments.sort(Comparator.comparingLong(Segment::firstSeq));
        return segments;
    }

    /** The file holding entry {@code seq}: the last whose first seq is at most {@code seq}. */
    static Optional<Segment> holding(List<Segment> segments, long seq) {
        Segment found = null;
        for (Segment segment : segments) {
            if (segment.firstSeq() <= seq) {
                found = segment;
            }
        }
        return Optional.ofNullable(found);
    }
}
