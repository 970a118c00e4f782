package io.minewatch.gateway.fault;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.UnaryOperator;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every fault test stands on: a Mosquitto and an influxd of its own (state in the test's directory), the gateway
 * as a separate process, a publisher for a {@link Fleet}, and a reader of what InfluxDB holds. Closes all of it,
 * last started first.
 */
final class FaultRig implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FaultRig.class);

    private final Path directory;
    private final Fleet fleet;
    private final MosquittoBroker broker;
    private final InfluxServer influx;
    private final StoredReadings stored;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private GatewayProcess gateway;
    private ReadingPublisher publisher;

    private FaultRig(Path directory, Fleet fleet) throws IOException {
        this.directory = directory;
        this.fleet = fleet;
        this.broker = new MosquittoBroker(directory.resolve("mosquitto"));
        this.influx = new InfluxServer(directory.resolve("influxdb"));
        this.stored = new StoredReadings(influx.url(), GatewayConfig.DATABASE);
    }

    /** Starts the broker and InfluxDB. */
    static FaultRig startServers(Path directory, Fleet fleet) throws IOException {
        LOG.info("fault test servers, gateway and their logs in {}", directory);
        FaultRig rig = new FaultRig(directory, fleet);
        rig.started.push(rig.stored);
        rig.started.push(rig.influx);
        rig.started.push(rig.broker);
        try {
            rig.broker.start();
            rig.influx.start();
        } catch (IOException | RuntimeException e) {
            try {
                rig.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return rig;
    }

    /** Closes {@code resource} with the rig, before what was started earlier. */
    <T extends AutoCloseable> T closeWithRig(T resource) {
        started.push(resource);
        return resource;
    }

    /** Starts the gateway process on the default configuration as changed by {@code tuning}. */
    GatewayProcess startGateway(UnaryOperator<GatewayConfig> tuning) throws IOException {
        GatewayConfig config = tuning.apply(GatewayConfig.of(broker.url(), influx.url(), gatewayDataDirectory(),
                fleet));
        gateway = closeWithRig(new GatewayProcess(directory.resolve("gateway"), config));
        gateway.start();
        return gateway;
    }

    ReadingPublisher connectPublisher() throws MqttException {
        publisher = closeWithRig(new ReadingPublisher(broker.url(), "minewatch-fault-publisher", fleet));
        publisher.connect();
        return publisher;
    }

    /** The gateway's {@code storage.local.path}. */
    Path gatewayDataDirectory() {
        return directory.resolve("gateway-data");
    }

    MosquittoBroker broker() {
        return broker;
    }

    InfluxServer influx() {
        return influx;
    }

    StoredReadings stored() {
        return stored;
    }

    /** Readings of the fleet's site in InfluxDB. */
    long storedCount() {
        return stored.count(fleet.site());
    }

    void assertEveryPublishedReadingStoredOnce(Duration drainTimeout) {
        ExactlyOnce.assertEveryPublishedReadingStoredOnce(publisher, stored, fleet.site(), drainTimeout);
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
