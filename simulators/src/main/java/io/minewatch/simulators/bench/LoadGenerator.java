package io.minewatch.simulators.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers readings at a fixed rate over several MQTT connections, one publishing thread each, paced against
 * {@link System#nanoTime()}. When the client's in-flight window is full (the broker has not acknowledged enough QoS 1
 * messages) the thread waits: the achieved rate then falls short of the offered one, and the report says so.
 */
final class LoadGenerator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoadGenerator.class);
    private static final int MAX_IN_FLIGHT = 20_000;

    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final BenchPlan plan;
    private final LatencyRecorder latency;
    private final AtomicLong sentReadings = new AtomicLong();
    private final AtomicLong ackedReadings = new AtomicLong();
    private final AtomicLong failedReadings = new AtomicLong();

    LoadGenerator(String brokerUrl, BenchPlan plan, LatencyRecorder latency) throws MqttException {
        this.plan = plan;
        this.latency = latency;
        for (int i = 0; i < plan.connections(); i++) {
            MqttAsyncClient client = new MqttAsyncClient(brokerUrl, "mwbench-load-" + i + "-" + ProcessHandle.current()
                    .pid(), new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setMaxInflight(MAX_IN_FLIGHT);
            options.setKeepAliveInterval(60);
            options.setSocketFactory(new NoDelaySockets());
            client.connect(options).waitForCompletion(10_000);
            clients.add(client);
        }
    }

    long sentReadings() {
        return sentReadings.get();
    }

    long ackedReadings() {
        return ackedReadings.get();
    }

    long failedReadings() {
        return failedReadings.get();
    }

    /** Offers {@code rate} readings/s of step {@code stepIndex} for {@code millis}; returns when done. */
    void run(int stepIndex, int rate, long millis) throws InterruptedException {
        String site = BenchPlan.siteOf(stepIndex);
        List<Thread> threads = new ArrayList<>();
        int perConnection = Math.max(1, plan.sensors() / clients.size());
        for (int c = 0; c < clients.size(); c++) {
            int first = c * perConnection;
            int count = c == clients.size() - 1 ? plan.sensors() - first : perConnection;
            ReadingStream stream = new ReadingStream(site, first, Math.max(1, count), plan.alarmShare(),
                    plan.readingsPerMessage());
            MqttAsyncClient client = clients.get(c);
            double messagesPerSecond = rate / (double) clients.size() / plan.readingsPerMessage();
            Thread thread = new Thread(() -> publishLoop(client, stream, messagesPerSecond, millis),
                    "mwbench-load-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void publishLoop(MqttAsyncClient client, ReadingStream stream, double messagesPerSecond, long millis) {
        IMqttActionListener acked = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                ackedReadings.addAndGet(plan.readingsPerMessage());
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                failedReadings.addAndGet(plan.readingsPerMessage());
            }
        };
        long start = System.nanoTime();
        long end = start + millis * 1_000_000L;
        long sent = 0;
        long now;
        while ((now = System.nanoTime()) < end) {
            long due = (long) ((now - start) / 1e9 * messagesPerSecond);
            while (sent < due) {
                ReadingStream.Message message = stream.next(System.currentTimeMillis());
                if (!publish(client, message, acked, end)) {
                    return;
                }
                sent++;
            }
            // A 1 ms pace: finer wakes cost the CPU the system under test needs on a small machine.
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Publishes, waiting while the in-flight window is full; false when the step ended first. */
    private boolean publish(MqttAsyncClient client, ReadingStream.Message message, IMqttActionListener acked,
            long end) {
        while (true) {
            long sentAt = System.nanoTime();
            for (long ts : message.alarmTimestamps()) {
                latency.sent(message.sensor(), ts, sentAt);
            }
            try {
                client.publish(message.topic(), message.payload(), plan.qos(), false, null, acked);
                sentReadings.addAndGet(message.readings());
                if (plan.qos() == 0) {
                    ackedReadings.addAndGet(message.readings());
                }
                return true;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                    failedReadings.addAndGet(message.readings());
                    log.warn("bench publisher failed to publish to {}: {}", message.topic(), e.toString());
                    return true;
                }
                if (System.nanoTime() >= end) {
                    return false;
                }
                LockSupport.parkNanos(100_000);
            }
        }
    }

    /** Waits until every QoS 1 message sent has been acknowledged or failed, at most {@code millis}. */
    void awaitAcknowledged(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (ackedReadings.get() + failedReadings.get() < sentReadings.get() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000);
        }
    }

    @Override
    public void close() {
        for (MqttAsyncClient client : clients) {
            try {
                client.disconnect(1_000).waitForCompletion(2_000);
            } catch (MqttException e) {
                log.debug("bench publisher did not disconnect cleanly: {}", e.toString());
            }
            try {
                client.close(true);
            } catch (MqttException e) {
                log.debug("bench publisher did not close cleanly: {}", e.toString());
            }
        }
    }
}
