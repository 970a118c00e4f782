package io.minewatch.gateway.storage;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.quantity.Kind;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A process for {@link StoreAndForwardIT} to kill with SIGKILL: appends batches of readings to a spool as fast as it
 * can and, after each append has returned (the batch is durable: the gateway would acknowledge it now), prints the
 * batch's number on standard output, which is how it tells the test what it has acknowledged.
 */
public final class SpoolKillTarget {

    static final String SENSOR = "KILL-1";
    static final int BATCH = 1000;

    private SpoolKillTarget() {
    }

    static Reading reading(long n) {
        return new Reading("CM01", SENSOR, Kind.CH4, n % 1000 / 1000.0, Samples.T0 + n, Quality.GOOD, true,
                Samples.T0 + n);
    }

    public static void main(String[] args) throws Exception {
        Spool spool = Spool.open(Path.of(args[0]), 1L << 30, Clock.systemUTC());
        for (long batch = 0; ; batch++) {
            List<Reading> readings = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                readings.add(reading(batch * BATCH + i));
            }
            spool.append(readings, List.of());
            System.out.println(batch);
            System.out.flush();
        }
    }
}
