package io.minewatch.collectors.mqtt;

import io.minewatch.config.MqttCollectorConfig.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the socket factory of an {@code ssl://} broker connection from {@link TlsConfig}: the certificates of a
 * PEM CA file are the only ones trusted (without one, the JVM's default trust store), and an optional PKCS#12 key
 * store supplies a client certificate. A file that cannot be used fails here, at start-up, with the file named.
 */
public final class TlsSockets {

    private TlsSockets() {
    }

    public static SSLSocketFactory socketFactory(TlsConfig tls) {
        TrustManager[] trust = tls == null || tls.caFile() == null ? null : trustManagers(tls.caFile());
        KeyManager[] keys = tls == null || tls.keyStore() == null ? null
                : keyManagers(tls.keyStore(), tls.keyStorePassword());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS : " + e.getMessage() + " (expected: a JVM with TLS support)", e);
        }
    }

    private static TrustManager[] trustManagers(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(
                        "tls.caFile : " + caFile + " (expected: a PEM file with at least one X.509 certificate)");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("tls.caFile : " + caFile
                    + " (expected: a readable PEM file of X.509 certificates): " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(Path keyStore, String password) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, secret);
            return factory.getKeyManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("tls.keyStore : " + keyStore
                    + " (expected: a readable PKCS#12 key store opened by tls.keyStorePassword): " + e.getMessage(),
                    e);
        }
    }
}
