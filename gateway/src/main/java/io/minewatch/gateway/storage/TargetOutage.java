package io.minewatch.gateway.storage;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store behind the spool is known to be away, shared by the live writes and the forwarder, and logged
 * once when an outage starts and once when it ends.
 */
final class TargetOutage {

    private static final Logger LOG = LoggerFactory.getLogger(TargetOutage.class);

    private final String target;
    private final Spool spool;
    private final Clock clock;
    private final AtomicLong startedAtMillis = new AtomicLong(-1);

    TargetOutage(String target, Spool spool, Clock clock) {
        this.target = target;
        this.spool = spool;
        this.clock = clock;
    }

    boolean isOn() {
        return startedAtMillis.get() >= 0;
    }

    void failed(StoreUnavailableException e) {
        if (startedAtMillis.compareAndSet(-1, clock.millis())) {
            LOG.warn("Store {} unavailable, readings go to the spool {} until it is back: {}", target, spool.file(),
                    e.getMessage());
        }
    }

    void answered() {
        long started = startedAtMillis.getAndSet(-1);
        if (started >= 0) {
            LOG.info("Store {} available again after {} ms; forwarding the {} points spooled meanwhile", target,
                    clock.millis() - started, spool.points());
        }
    }
}
