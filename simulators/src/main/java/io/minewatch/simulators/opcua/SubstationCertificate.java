package io.minewatch.simulators.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.Objects;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * The substation's own key pair and self-signed certificate, created on first start and kept in a PKCS#12 file so
 * that clients which trusted it once keep trusting it across restarts.
 */
record SubstationCertificate(KeyPair keyPair, X509Certificate certificate) {

    static final String FILE_NAME = "substation.p12";
    private static final String ALIAS = "substation";
    // Guards nothing the file permissions do not: a simulator's key, readable by whoever reads the directory.
    private static final char[] PASSWORD = "minewatch-simulator".toCharArray();

    SubstationCertificate {
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** Reads {@code dir/substation.p12}, or creates it for {@code applicationUri} reachable at {@code host}. */
    static SubstationCertificate loadOrCreate(Path dir, String applicationUri, String host)
            throws IOException, GeneralSecurityException {
        Path file = dir.resolve(FILE_NAME);
        KeyStore store = KeyStore.getInstance("PKCS12");
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, PASSWORD);
            }
            Key key = store.getKey(ALIAS, PASSWORD);
            Certificate certificate = store.getCertificate(ALIAS);
            if (key instanceof PrivateKey privateKey && certificate instanceof X509Certificate x509) {
                return new SubstationCertificate(new KeyPair(x509.getPublicKey(), privateKey), x509);
            }
            throw new GeneralSecurityException("key store : " + file + " (expected: a key and certificate under alias "
                    + ALIAS + "; delete the file to have a new one made)");
        }
        KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        SelfSignedCertificateBuilder builder = new SelfSignedCertificateBuilder(keyPair)
                .setCommonName("minewatch substation simulator")
                .setOrganization("minewatch")
                .setApplicationUri(applicationUri)
                .setValidityPeriod(Period.ofYears(5))
                .addDnsName("localhost");
        if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':')) {
            builder.addIpAddress(host);
        } else {
            builder.addDnsName(host);
        }
        X509Certificate certificate;
        try {
            certificate = builder.build();
        } catch (GeneralSecurityException e) {
            throw e;
        } catch (Exception e) {
            throw new GeneralSecurityException("creating the substation certificate failed: " + e, e);
        }
        store.load(null, PASSWORD);
        store.setKeyEntry(ALIAS, keyPair.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
        Files.createDirectories(dir);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        return new SubstationCertificate(keyPair, certificate);
    }
}
