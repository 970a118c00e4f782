package io.minewatch.gateway.cli;

import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import java.nio.file.Path;

/** The configuration a history command reads the store of. */
final class StoreAccess {

    private StoreAccess() {
    }

    static MinewatchConfig config(Options options) {
        String file = options.get("config");
        if (file == null) {
            throw new UsageException("--config FILE : missing (expected: the gateway's configuration, which names"
                    + " its store and sensors)");
        }
        return ConfigLoader.load(Path.of(file));
    }

    static long instant(Options options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException("--" + name + " : missing (expected: ISO-8601 like 2025-11-22T10:00:00Z)");
        }
        try {
            return io.minewatch.gateway.history.http.Params.parseInstant("--" + name, value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
