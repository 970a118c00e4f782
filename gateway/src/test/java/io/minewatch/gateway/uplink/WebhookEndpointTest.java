package io.minewatch.gateway.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minewatch.config.UplinkConfig.EndpointType;
import io.minewatch.config.UplinkConfig.RegulatorConfig;
import io.minewatch.gateway.journal.JournalEntry;
import io.minewatch.gateway.journal.JournalFixtures;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookEndpointTest {

    private WebhookReceiver receiver;
    private WebhookEndpoint endpoint;
    private JournalEntry entry;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver(0);
        endpoint = new WebhookEndpoint(config(receiver.url()));
        byte[] line = io.minewatch.gateway.journal.JournalFormat.line(7, "ab".repeat(32),
                JournalFixtures.JSON.toBytes(JournalFixtures.event(4)));
        entry = JournalFixtures.FORMAT.parse(line);
    }

    private static RegulatorConfig config(URI url) {
        return new RegulatorConfig("province", EndpointType.WEBHOOK, url, null, 1, null, null, null, null, "t0ken",
                Duration.ofSeconds(2), null, null);
    }

    @AfterEach
    void stop() {
        receiver.close();
        endpoint.close();
    }

    @Test
    void postsTheJournalLineWithTokenIdempotencyKeyAndSeq() throws Exception {
        endpoint.deliver(entry);

        WebhookReceiver.Received received = receiver.accepted().get(0);
        assertThat(received.body()).isEqualTo(entry.text());
        assertThat(received.header("Authorization")).isEqualTo("Bearer t0ken");
        assertThat(received.header("Idempotency-Key")).isEqualTo("ev-4");
        assertThat(received.header("X-Minewatch-Seq")).isEqualTo("7");
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 413, 415, 422})
    void treatsARefusalOfTheMessageAsPoisoned(int status) {
        receiver.answer(() -> status);

        assertThatThrownBy(() -> endpoint.deliver(entry)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.poisoned()).isTrue()).hasMessageContaining("answered " + status)
                .hasMessageContaining("status " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 408, 429, 500, 503})
    void retriesEveryOtherAnswer(int status) {
        receiver.answer(() -> status);

        assertThatThrownBy(() -> endpoint.deliver(entry)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.poisoned()).isFalse());
    }

    @Test
    void retriesWhenNobodyListens() {
        receiver.close();

        assertThatThrownBy(() -> endpoint.deliver(entry)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.poisoned()).isFalse()).hasMessageContaining("POST " + receiver.url());
    }
}
