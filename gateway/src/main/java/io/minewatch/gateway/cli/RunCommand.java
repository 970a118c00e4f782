package io.minewatch.gateway.cli;

import io.minewatch.config.ConfigException;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.gateway.service.GatewayService;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code minewatch run --config FILE}: the production service, until SIGTERM or SIGINT. */
final class RunCommand {

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        Options options = new Options(args, Set.of("config"));
        String file = options.get("config");
        if (file == null || !options.positional().isEmpty()) {
            throw new UsageException("expected --config FILE");
        }
        MinewatchConfig config;
        try {
            config = ConfigLoader.load(Path.of(file));
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        try {
            GatewayService gateway = new GatewayService(config, Clock.systemUTC(), List.of());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                gateway.close();
                stopped.countDown();
            }, "minewatch-shutdown"));
            gateway.start();
            out.println("minewatch running with " + file + "; HTTP on port " + gateway.httpPort()
                    + ". Stop with Ctrl-C or SIGTERM.");
            stopped.await();
            return 0;
        } catch (Exception e) {
            err.println("minewatch could not start: " + e);
            return 1;
        }
    }
}
