package io.minewatch.collectors.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minewatch.config.MqttCollectorConfig.TlsConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures in src/test/resources/tls: a self-signed certificate (ca.pem) and its key store (client.p12, changeit). */
class TlsSocketsTest {

    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(TlsSocketsTest.class.getResource("/tls/" + name).toURI());
    }

    @Test
    void buildsSocketFactoryTrustingPemCaFileWithClientKeyStore() throws Exception {
        TlsConfig tls = new TlsConfig(fixture("ca.pem"), fixture("client.p12"), "changeit");

        assertThat(TlsSockets.socketFactory(tls)).isNotNull();
    }

    @Test
    void usesTheJvmTrustStoreWithoutCaFile() {
        assertThat(TlsSockets.socketFactory(null)).isNotNull();
        assertThat(TlsSockets.socketFactory(new TlsConfig(null, null, null))).isNotNull();
    }

    @Test
    void refusesCaFileWithoutCertificates() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");

        assertThatThrownBy(() -> TlsSockets.socketFactory(new TlsConfig(empty, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tls.caFile : " + empty);
    }

    @Test
    void refusesMissingCaFile() {
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> TlsSockets.socketFactory(new TlsConfig(missing, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tls.caFile : " + missing + " (expected: a readable PEM file");
    }

    @Test
    void refusesKeyStoreOpenedWithTheWrongPassword() throws Exception {
        Path keyStore = fixture("client.p12");

        assertThatThrownBy(() -> TlsSockets.socketFactory(new TlsConfig(null, keyStore, "wrong")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tls.keyStore : " + keyStore);
    }
}
