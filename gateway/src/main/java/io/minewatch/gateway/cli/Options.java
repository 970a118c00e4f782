package io.minewatch.gateway.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and positional arguments of one command. */
public final class Options {

    private final Map<String, String> named = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    public Options(String[] args, Set<String> allowed) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException("--" + name + " : missing value (expected: --" + name + " VALUE)");
                }
                if (!allowed.contains(name)) {
                    throw new UsageException("--" + name + " : unknown option (expected one of: " + allowed + ")");
                }
                named.put(name, value);
            } else {
                positional.add(arg);
            }
        }
    }

    public String get(String name) {
        return named.get(name);
    }

    public int intValue(String name, int fallback) {
        String value = named.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0 || parsed > 65_535) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " : " + value + " (expected: a port number 0..65535)");
        }
    }

    public List<String> positional() {
        return positional;
    }
}
