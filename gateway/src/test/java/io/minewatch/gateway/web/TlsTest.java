package io.minewatch.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code http.tls}: the API and the session cookie over HTTPS with the configured PEM certificate. */
class TlsTest {

    @TempDir
    Path dataDir;

    @Test
    void servesHttpsWithTheConfiguredCertificateAndASecureCookie() throws Exception {
        Path tls = Path.of("src", "test", "resources", "tls").toAbsolutePath();
        String yaml = ", tls: { certificate: \"" + tls.resolve("cert.pem") + "\", private_key: \""
                + tls.resolve("key.pem") + "\" }";
        try (ControlRoomRig rig = new ControlRoomRig(dataDir, yaml, trusting(tls.resolve("cert.pem")))) {
            HttpResponse<String> login = rig.post("/api/login", null, "{\"name\":\"adm\",\"password\":\"pw-adm\"}");
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).containsIgnoringCase("Secure");
            assertThat(rig.uri("/").getScheme()).isEqualTo("https");

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + rig.gateway.httpPort() + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = java.nio.file.Files.newInputStream(certificate)) {
            trust.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
