package io.minewatch.gateway.cli;

import io.minewatch.gateway.auth.PasswordHasher;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;

/**
 * {@code minewatch hash-password}: prints the {@code password_hash} of a password for {@code users:} in the
 * configuration. On a terminal it asks twice without echo; otherwise it reads one line from standard input.
 */
final class HashPasswordCommand {

    static final int MIN_LENGTH = 8;

    private final PrintStream out;
    private final PrintStream err;
    private final Console console;
    private final InputStream in;

    HashPasswordCommand(PrintStream out, PrintStream err, Console console, InputStream in) {
        this.out = out;
        this.err = err;
        this.console = console;
        this.in = in;
    }

    int run(String[] args) throws IOException {
        Options options = new Options(args, Set.of());
        if (!options.positional().isEmpty()) {
            throw new UsageException("hash-password takes no arguments (the password is asked for, never an"
                    + " argument: it would stay in the shell history)");
        }
        char[] password = read();
        if (password == null) {
            return 1;
        }
        try {
            if (password.length < MIN_LENGTH) {
                err.println("password : " + password.length + " characters (expected: at least " + MIN_LENGTH + ")");
                return 1;
            }
            out.println(new PasswordHasher(new SecureRandom()).hash(password));
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] read() throws IOException {
        if (console != null) {
            char[] first = console.readPassword("password: ");
            char[] second = console.readPassword("again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                err.println("password : the two entries differ (expected: the same password twice)");
                return null;
            }
            Arrays.fill(second, '\0');
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            err.println("password : missing (expected: one line on standard input)");
            return null;
        }
        return line.toCharArray();
    }
}
