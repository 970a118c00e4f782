package io.minewatch.config.access;

import java.nio.file.Path;
import java.util.Objects;

/**
 * HTTPS for the API and the control room ({@code http.tls}).
 *
 * @param certificate the server certificate chain, PEM
 * @param privateKey  its private key, PEM in PKCS#8 ({@code BEGIN PRIVATE KEY}), unencrypted
 */
public record TlsConfig(Path certificate, Path privateKey) {

    public TlsConfig {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}
