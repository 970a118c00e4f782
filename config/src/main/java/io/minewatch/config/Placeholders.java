package io.minewatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code ${NAME}} substitution from the environment in scalar values, so that passwords stay out of the file.
 * {@code $${} writes a literal {@code ${}. Names follow the shell: a letter or {@code _}, then letters, digits,
 * {@code _}.
 */
final class Placeholders {

    /** The substituted text, or the names that could not be resolved (then {@code text} is null). */
    record Result(String text, List<String> unset, String malformed) {

        boolean ok() {
            return text != null;
        }
    }

    private Placeholders() {
    }

    static Result substitute(String raw, Function<String, String> environment) {
        if (raw.indexOf('$') < 0) {
            return new Result(raw, List.of(), null);
        }
        StringBuilder out = new StringBuilder(raw.length());
        List<String> unset = new ArrayList<>();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '$' && raw.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && raw.startsWith("${", i)) {
                int close = raw.indexOf('}', i + 2);
                String name = close < 0 ? null : raw.substring(i + 2, close);
                if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    String bad = close < 0 ? raw.substring(i) : raw.substring(i, close + 1);
                    return new Result(null, List.of(), bad);
                }
                String value = environment.apply(name);
                if (value == null) {
                    unset.add(name);
                } else {
                    out.append(value);
                }
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return unset.isEmpty() ? new Result(out.toString(), List.of(), null) : new Result(null, unset, null);
    }
}
