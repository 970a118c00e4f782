package io.minewatch.collectors.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minewatch.collectors.Ingest;
import io.minewatch.collectors.reject.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MqttIntakeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final Counter messages = new SimpleMeterRegistry().counter("messages");
    private final List<String> acks = new CopyOnWriteArrayList<>();
    private final List<Rejection> rejections = new CopyOnWriteArrayList<>();
    private final AtomicInteger connection = new AtomicInteger(7);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Ingest> handedOver = new CopyOnWriteArrayList<>();
    private MqttIntake intake;

    @AfterEach
    void stop() {
        release.countDown();
        if (intake != null) {
            intake.stop();
        }
    }

    private MqttIntake intake(int receiveQueue) {
        intake = new MqttIntake("plc", List.of("minewatch/+/+"), rejections::add, clock, messages,
                (id, qos, on) -> acks.add(id + "@" + on), connection::get, receiveQueue);
        intake.start(ingest -> {
            release.await(); // a full pipeline
            handedOver.add(ingest);
        });
        return intake;
    }

    private static MqttMessage message(int id, String payload) {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setId(id);
        message.setQos(1);
        return message;
    }

    @Test
    void takesMessagesWithoutWaitingWhileTheGatewayAppliesBackpressure() {
        MqttIntake intake = intake(100);

        for (int i = 1; i <= 50; i++) {
            intake.messageArrived("minewatch/CM01/S1", message(i, Integer.toString(i)));
        }

        // This thread (Paho's, in production) was never held; one message is in the blocked hand-over.
        await().atMost(TIMEOUT).until(() -> intake.waiting() == 49);
        assertThat(handedOver).isEmpty();
        release.countDown();
        await().atMost(TIMEOUT).until(() -> handedOver.size() == 50);
        assertThat(handedOver).extracting(i -> new String(i.payload(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 50).mapToObj(Integer::toString)
                        .toList());
        assertThat(acks).isEmpty(); // nothing stored yet: nothing acknowledged
    }

    @Test
    void holdsThePahoThreadOnlyWhenTheReceiveQueueIsFullAndLetsStopFreeIt() throws Exception {
        MqttIntake intake = intake(2);
        intake.messageArrived("minewatch/CM01/S1", message(1, "1"));
        await().atMost(TIMEOUT).until(() -> intake.waiting() == 0); // taken by the blocked hand-over
        intake.messageArrived("minewatch/CM01/S1", message(2, "2"));
        intake.messageArrived("minewatch/CM01/S1", message(3, "3"));

        Thread paho = new Thread(() -> intake.messageArrived("minewatch/CM01/S1", message(4, "4")));
        paho.start();
        await().atMost(TIMEOUT).until(() -> paho.getState() == Thread.State.WAITING);

        intake.stop();
        paho.join(TIMEOUT.toMillis());
        assertThat(paho.isAlive()).isFalse();
        assertThat(intake.waiting()).isZero();
        assertThat(acks).isEmpty();
    }

    @Test
    void acknowledgementNamesTheConnectionTheMessageArrivedOn() {
        MqttIntake intake = intake(10);
        release.countDown();
        intake.messageArrived("minewatch/CM01/S1", message(5, "1.0"));
        await().atMost(TIMEOUT).until(() -> handedOver.size() == 1);
        connection.incrementAndGet(); // the connection was lost meanwhile

        handedOver.get(0).delivery().complete();

        assertThat(acks).containsExactly("5@7");
    }

    @Test
    void rejectsAndAcknowledgesAtOnceAMessageOnATopicWithoutSiteAndSensor() {
        MqttIntake intake = intake(10);

        intake.messageArrived("minewatch", message(9, "1.0"));

        assertThat(acks).containsExactly("9@7");
        assertThat(rejections).hasSize(1);
        assertThat(intake.waiting()).isZero();
    }
}
