package io.minewatch.collectors.opcua;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.stack.client.security.ClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.util.validation.CertificateValidationUtil;
import org.eclipse.milo.opcua.stack.core.util.validation.ValidationCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the gateway trusts an OPC UA server's certificate, from a trust list directory: a server
 * certificate is trusted when it, or a CA certificate that issued it, is a file in {@code <pki_dir>/trusted/} (DER or
 * PEM), and it is within its validity period. The directory is read at every connection, so a certificate moved into
 * it is trusted from the next reconnection on, without a restart.
 *
 * <p>An unknown certificate is written to {@code <pki_dir>/rejected/<collector>-<thumbprint>.der} and refused, and
 * the log says, once per certificate, exactly which command trusts it. With trust on first use, the first certificate
 * this collector meets is written to {@code trusted/} instead, and from then on only that one is accepted (a changed
 * server certificate is refused like any unknown one).
 */
final class ServerTrust implements ClientCertificateValidator {

    private static final Logger log = LoggerFactory.getLogger(ServerTrust.class);

    private final String collector;
    private final String endpoint;
    private final Path trustedDir;
    private final Path rejectedDir;
    private final boolean trustOnFirstUse;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile String lastRefusal;

    ServerTrust(String collector, String endpoint, Path pkiDir, boolean trustOnFirstUse) {
        this.collector = collector;
        this.endpoint = endpoint;
        this.trustedDir = pkiDir.resolve("trusted");
        this.rejectedDir = pkiDir.resolve("rejected");
        this.trustOnFirstUse = trustOnFirstUse;
    }

    Path trustedDir() {
        return trustedDir;
    }

    /** Why the last certificate was refused, for the collector's health; null when none was. */
    String lastRefusal() {
        return lastRefusal;
    }

    @Override
    public void validateCertificateChain(List<X509Certificate> chain, String applicationUri, String... hostNames)
            throws UaException {
        validateCertificateChain(chain);
    }

    @Override
    public void validateCertificateChain(List<X509Certificate> chain) throws UaException {
        if (chain.isEmpty()) {
            throw refuse("the server sent no certificate");
        }
        X509Certificate server = chain.get(0);
        String thumbprint = thumbprint(server);
        PKIXCertPathBuilderResult path = trustedPath(chain, readTrusted());
        if (path != null) {
            validate(path, server, thumbprint);
            return;
        }
        if (trustOnFirstUse && !hasPinnedCertificate()) {
            Path pinned = trustedDir.resolve(fileName(thumbprint));
            write(pinned, server);
            log.warn("OPC UA collector {}: trusting the certificate of {} on first use: {}; saved as {}. From now on"
                    + " only this certificate is accepted from it", collector, endpoint, describe(server, thumbprint),
                    pinned);
            path = trustedPath(chain, readTrusted());
            if (path == null) {
                throw refuse("the server certificate " + describe(server, thumbprint) + " was saved as " + pinned
                        + " but is still not trusted");
            }
            validate(path, server, thumbprint);
            return;
        }
        Path rejected = rejectedDir.resolve(fileName(thumbprint));
        write(rejected, server);
        createTrustedDir(); // so that the command below works as written
        String how = "to trust it, check the thumbprint with the server's administrator, then run: mv '" + rejected
                + "' '" + trustedDir + "/' (the collector retries on its own, no restart needed)";
        if (reported.add(thumbprint)) {
            log.error("OPC UA collector {} refuses the certificate of {}: {} is not in the trust list {}; {}",
                    collector, endpoint, describe(server, thumbprint), trustedDir, how);
        }
        throw refuse("server certificate " + thumbprint + " not trusted; " + how);
    }

    private UaException refuse(String reason) {
        lastRefusal = reason;
        return new UaException(StatusCodes.Bad_SecurityChecksFailed, reason);
    }

    /** The path from the server's certificate to a trusted one, or null when there is none. */
    private static PKIXCertPathBuilderResult trustedPath(List<X509Certificate> chain, List<X509Certificate> trusted) {
        if (trusted.isEmpty()) {
            return null;
        }
        try {
            return CertificateValidationUtil.buildTrustedCertPath(chain, trusted, List.of());
        } catch (UaException e) {
            return null;
        }
    }

    /** Checks a trusted path's certificates themselves: validity period, signatures, key usage. */
    private void validate(PKIXCertPathBuilderResult path, X509Certificate server, String thumbprint)
            throws UaException {
        try {
            CertificateValidationUtil.validateTrustedCertPath(path.getCertPath(), path.getTrustAnchor(), List.of(),
                    ValidationCheck.NO_OPTIONAL_CHECKS, false);
        } catch (UaException e) {
            String reason = "the server certificate " + describe(server, thumbprint) + " is trusted but fails"
                    + " validation: " + OpcUaClients.describe(e);
            if (reported.add("invalid " + thumbprint)) {
                log.error("OPC UA collector {} refuses the certificate of {}: {}", collector, endpoint, reason);
            }
            throw refuse(reason);
        }
        lastRefusal = null;
    }

    private boolean hasPinnedCertificate() throws UaException {
        if (!Files.isDirectory(trustedDir)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(trustedDir, collector + "-*")) {
            return files.iterator().hasNext();
        } catch (IOException e) {
            throw refuse("cannot read the trust list " + trustedDir + ": " + e);
        }
    }

    private List<X509Certificate> readTrusted() throws UaException {
        List<X509Certificate> certificates = new ArrayList<>();
        if (!Files.isDirectory(trustedDir)) {
            return certificates;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(trustedDir, Files::isRegularFile)) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    factory.generateCertificates(in).forEach(c -> certificates.add((X509Certificate) c));
                } catch (CertificateException e) {
                    log.warn("OPC UA collector {}: {} in the trust list is not a certificate (DER or PEM): {}",
                            collector, file, e.getMessage());
                }
            }
        } catch (IOException | CertificateException e) {
            throw refuse("cannot read the trust list " + trustedDir + ": " + e);
        }
        return certificates;
    }

    private void write(Path file, X509Certificate certificate) throws UaException {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.write(file, certificate.getEncoded());
            }
        } catch (IOException | CertificateException e) {
            throw refuse("cannot write " + file + ": " + e);
        }
    }

    private void createTrustedDir() throws UaException {
        try {
            Files.createDirectories(trustedDir);
        } catch (IOException e) {
            throw refuse("cannot create the trust list " + trustedDir + ": " + e);
        }
    }

    private String fileName(String thumbprint) {
        return collector + "-" + thumbprint.replace(":", "").toLowerCase(Locale.ROOT) + ".der";
    }

    static String describe(X509Certificate certificate, String thumbprint) {
        return certificate.getSubjectX500Principal().getName() + ", SHA-1 thumbprint " + thumbprint + ", valid until "
                + certificate.getNotAfter().toInstant();
    }

    /** The SHA-1 thumbprint as OPC UA tools show it, colon-separated upper-case hex. */
    static String thumbprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalStateException("SHA-1 of a certificate : " + e + " (expected: always available)", e);
        }
    }
}
