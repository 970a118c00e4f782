package io.minewatch.collectors.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.Objects;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/**
 * The gateway's OPC UA application instance certificate: a self-signed RSA 2048 certificate created on first start in
 * {@code <pki_dir>/client/minewatch-client.p12} and kept, so that a server which trusted it once keeps trusting it.
 * A copy in DER form, {@code minewatch-client.der}, is what a server administrator adds to the server's trust list.
 *
 * @param keyPair        the private and public key
 * @param certificate    the certificate, whose subject alternative name carries {@code applicationUri}
 * @param applicationUri the application URI the client presents (it must match the certificate)
 * @param derFile        the certificate in DER form, for the server's trust list
 */
public record ClientCertificate(KeyPair keyPair, X509Certificate certificate, String applicationUri, Path derFile) {

    public static final String KEY_STORE = "minewatch-client.p12";
    public static final String CERTIFICATE = "minewatch-client.der";
    private static final String ALIAS = "minewatch-client";
    // The key store is protected by the directory's permissions; a password in the code adds nothing to that.
    private static final char[] PASSWORD = "minewatch".toCharArray();

    public ClientCertificate {
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(applicationUri, "applicationUri");
        Objects.requireNonNull(derFile, "derFile");
    }

    /** Reads the certificate kept under {@code pkiDir/client}, creating it first when there is none. */
    public static ClientCertificate loadOrCreate(Path pkiDir) throws IOException, GeneralSecurityException {
        Path dir = pkiDir.resolve("client");
        Path file = dir.resolve(KEY_STORE);
        if (!Files.exists(file)) {
            create(dir, file);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        Key key = store.getKey(ALIAS, PASSWORD);
        Certificate certificate = store.getCertificate(ALIAS);
        if (!(key instanceof PrivateKey privateKey) || !(certificate instanceof X509Certificate x509)) {
            throw new GeneralSecurityException("key store : " + file + " (expected: a key and certificate under alias "
                    + ALIAS + "; move the file away to have a new certificate made, which servers must trust anew)");
        }
        String applicationUri = CertificateUtil.getSanUri(x509).orElseThrow(() -> new GeneralSecurityException(
                "certificate : " + file + " (expected: an application URI in its subject alternative name)"));
        Path der = dir.resolve(CERTIFICATE);
        if (!Files.exists(der)) {
            Files.write(der, x509.getEncoded());
        }
        return new ClientCertificate(new KeyPair(x509.getPublicKey(), privateKey), x509, applicationUri, der);
    }

    private static void create(Path dir, Path file) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        String host = localHostName();
        KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate certificate;
        try {
            certificate = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("minewatch gateway")
                    .setOrganization("minewatch")
                    .setApplicationUri("urn:minewatch:gateway:" + host)
                    .addDnsName(host)
                    .setValidityPeriod(Period.ofYears(10))
                    .build();
        } catch (GeneralSecurityException e) {
            throw e;
        } catch (Exception e) {
            throw new GeneralSecurityException("creating the OPC UA client certificate failed: " + e, e);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, PASSWORD);
        store.setKeyEntry(ALIAS, keyPair.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
        // Written aside and moved into place: two collectors starting at once on one directory keep one certificate.
        Path temporary = Files.createTempFile(dir, "minewatch-client", ".tmp");
        try {
            restrictToOwner(temporary);
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, PASSWORD);
            }
            Files.move(temporary, file);
            Files.write(dir.resolve(CERTIFICATE), certificate.getEncoded());
        } catch (FileAlreadyExistsException e) {
            // Another collector was quicker; its certificate is the one.
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own permissions protect the key.
        }
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "localhost" : name;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
