package io.minewatch.collectors.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PahoDeliveryTest {

    private final List<String> acks = new CopyOnWriteArrayList<>();

    @Test
    void acknowledgesQos1MessageOnCompletion() {
        new PahoDelivery((id, qos, connection) -> acks.add(id + "/" + qos + "@" + connection), 17, 1, 1).complete();

        assertThat(acks).containsExactly("17/1@1");
    }

    @Test
    void acknowledgesOnlyOnceWhenCompletedTwice() {
        PahoDelivery delivery = new PahoDelivery((id, qos, connection) -> acks.add(id + "/" + qos + "@" + connection), 17, 2, 1);

        delivery.complete();
        delivery.complete();

        assertThat(acks).containsExactly("17/2@1");
    }

    @Test
    void acknowledgesOnlyOnceWhenCompletedFromManyThreadsAtOnce() throws InterruptedException {
        PahoDelivery delivery = new PahoDelivery((id, qos, connection) -> acks.add(id + "/" + qos + "@" + connection), 5, 1, 1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int i = 0; i < 8; i++) {
                pool.execute(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    delivery.complete();
                });
            }
            go.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(acks).containsExactly("5/1@1");
    }

    @Test
    void sendsNothingForQos0() {
        new PahoDelivery((id, qos, connection) -> acks.add(id + "/" + qos + "@" + connection), 0, 0, 1).complete();

        assertThat(acks).isEmpty();
    }
}
