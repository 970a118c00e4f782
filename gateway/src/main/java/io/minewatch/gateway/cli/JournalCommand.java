package io.minewatch.gateway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minewatch.gateway.journal.JournalFormat;
import io.minewatch.gateway.journal.JournalVerifier;
import io.minewatch.gateway.journal.VerifyReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code minewatch journal verify PATH...}: checks the alarm journal's hash chain. PATH is the journal directory (its
 * files in order, each checked against its name) or one or more journal files, checked in the order given as one
 * chain; with {@code --after HASH} the files must continue the chain from the entry whose hash that is (what a
 * regulator checks each new delivery against). Exit 0 with a summary when the chain is intact, 1 naming the first entry altered,
 * removed or inserted.
 */
final class JournalCommand {

    private final PrintStream out;
    private final PrintStream err;

    JournalCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        if (args.length == 0 || !args[0].equals("verify")) {
            throw new UsageException("expected: journal verify PATH...");
        }
        Options options = new Options(Arrays.copyOfRange(args, 1, args.length), Set.of("after"));
        String anchor = options.get("after");
        if (anchor != null && !anchor.matches("[0-9a-f]{64}")) {
            throw new UsageException("--after : " + anchor
                    + " (expected: the 64 hex digits of the last hash verified)");
        }
        List<Path> paths = options.positional().stream().map(Path::of).toList();
        if (paths.isEmpty()) {
            throw new UsageException("expected the journal directory or one or more journal files");
        }
        JournalVerifier verifier = new JournalVerifier(new JournalFormat(new ObjectMapper()));
        VerifyReport report;
        try {
            if (anchor == null && paths.size() == 1 && Files.isDirectory(paths.get(0))) {
                report = verifier.verifyDirectory(paths.get(0));
            } else {
                for (Path path : paths) {
                    if (!Files.isRegularFile(path)) {
                        err.println(path + ": cannot read the file (expected: a journal directory or journal files)");
                        return 1;
                    }
                }
                report = anchor == null ? verifier.verify(paths) : verifier.verifyFrom(anchor, paths);
            }
        } catch (IOException e) {
            err.println("journal verify: " + e.getMessage());
            return 1;
        }
        report.notes().forEach(note -> out.println("note: " + note));
        if (report.problem().isPresent()) {
            VerifyReport.Problem problem = report.problem().get();
            err.println("journal NOT intact: " + problem.kind().name().toLowerCase() + ": " + problem.message());
            err.println("the chain holds up to entry " + report.lastSeq() + " (hash " + report.lastHash() + ")");
            return 1;
        }
        out.println("journal intact: " + report.entries() + " entries, seq " + report.firstSeq() + " to "
                + report.lastSeq() + ", last hash " + report.lastHash());
        return 0;
    }
}
