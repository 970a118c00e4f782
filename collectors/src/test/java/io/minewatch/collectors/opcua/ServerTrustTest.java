package io.minewatch.collectors.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.Period;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTrustTest {

    private static X509Certificate server;
    private static X509Certificate otherServer;
    private static X509Certificate ca;
    private static X509Certificate issuedByCa;

    @TempDir
    Path pki;

    @BeforeAll
    static void makeCertificates() throws Exception {
        server = selfSigned("plc-a");
        otherServer = selfSigned("plc-b");
        KeyPair caKeys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        ca = issue(caKeys, "site CA", caKeys, null, true);
        issuedByCa = issue(SelfSignedCertificateGenerator.generateRsaKeyPair(2048), "plc-c", caKeys, ca, false);
    }

    private static X509Certificate selfSigned(String name) throws Exception {
        return new SelfSignedCertificateBuilder(SelfSignedCertificateGenerator.generateRsaKeyPair(2048))
                .setCommonName(name).setApplicationUri("urn:test:" + name).setValidityPeriod(Period.ofYears(1))
                .build();
    }

    private static X509Certificate issue(KeyPair subject, String name, KeyPair issuerKeys, X509Certificate issuer,
            boolean isCa) throws Exception {
        Instant now = Instant.now();
        X500Name issuerName = new X500Name(issuer == null ? "CN=" + name : issuer.getSubjectX500Principal().getName());
        var builder = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(86_400)), new X500Name("CN=" + name),
                subject.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(isCa
                ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.dataEncipherment
                        | KeyUsage.nonRepudiation));
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }

    private ServerTrust trust(boolean trustOnFirstUse) {
        return new ServerTrust("plc1", "opc.tcp://plc:4840", pki, trustOnFirstUse);
    }

    private void putInTrustList(String file, X509Certificate certificate) throws Exception {
        Files.createDirectories(pki.resolve("trusted"));
        Files.write(pki.resolve("trusted").resolve(file), certificate.getEncoded());
    }

    private List<Path> files(String dir) throws Exception {
        try (Stream<Path> files = Files.list(pki.resolve(dir))) {
            return files.toList();
        }
    }

    @Test
    void acceptsACertificateThatIsInTheTrustList() throws Exception {
        putInTrustList("plc-a.der", server);

        assertThatCode(() -> trust(false).validateCertificateChain(List.of(server))).doesNotThrowAnyException();
    }

    @Test
    void acceptsACertificateIssuedByATrustedCa() throws Exception {
        putInTrustList("site-ca.der", ca);

        assertThatCode(() -> trust(false).validateCertificateChain(List.of(issuedByCa, ca)))
                .doesNotThrowAnyException();
        assertThatCode(() -> trust(false).validateCertificateChain(List.of(issuedByCa)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnUnknownCertificateKeepsItAsideAndSaysHowToTrustIt() throws Exception {
        putInTrustList("plc-b.der", otherServer);
        ServerTrust trust = trust(false);

        UaException refused = catchThrowableOfType(UaException.class,
                () -> trust.validateCertificateChain(List.of(server)));

        assertThat(refused.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_SecurityChecksFailed);
        Path rejected = pki.resolve("rejected").resolve("plc1-" + ServerTrust.thumbprint(server).replace(":", "")
                .toLowerCase() + ".der");
        assertThat(files("rejected")).containsExactly(rejected);
        assertThat(Files.readAllBytes(rejected)).isEqualTo(server.getEncoded());
        assertThat(refused.getMessage()).isEqualTo("server certificate " + ServerTrust.thumbprint(server)
                + " not trusted; to trust it, check the thumbprint with the server's administrator, then run: mv '"
                + rejected + "' '" + pki.resolve("trusted") + "/' (the collector retries on its own, no restart"
                + " needed)");
        assertThat(trust.lastRefusal()).isEqualTo(refused.getMessage());
    }

    @Test
    void trustsARefusedCertificateOnceItIsMovedIntoTheTrustListWithoutANewValidator() throws Exception {
        ServerTrust trust = trust(false);
        catchThrowableOfType(UaException.class, () -> trust.validateCertificateChain(List.of(server)));
        Path rejected = files("rejected").get(0);

        Files.move(rejected, pki.resolve("trusted").resolve(rejected.getFileName()));

        assertThatCode(() -> trust.validateCertificateChain(List.of(server))).doesNotThrowAnyException();
        assertThat(trust.lastRefusal()).isNull();
    }

    @Test
    void onFirstUseTrustsTheFirstCertificateAndRefusesADifferentOneLater() throws Exception {
        ServerTrust trust = trust(true);

        assertThatCode(() -> trust.validateCertificateChain(List.of(server))).doesNotThrowAnyException();
        assertThat(files("trusted")).singleElement()
                .satisfies(file -> assertThat(Files.readAllBytes(file)).isEqualTo(server.getEncoded()));

        UaException refused = catchThrowableOfType(UaException.class,
                () -> trust.validateCertificateChain(List.of(otherServer)));
        assertThat(refused.getMessage()).contains(ServerTrust.thumbprint(otherServer), "not trusted");
        assertThat(files("trusted")).hasSize(1);
    }

    @Test
    void ignoresFilesInTheTrustListThatAreNotCertificates() throws Exception {
        putInTrustList("plc-a.der", server);
        Files.writeString(pki.resolve("trusted").resolve("README.txt"), "certificates of trusted servers go here");

        assertThatCode(() -> trust(false).validateCertificateChain(List.of(server))).doesNotThrowAnyException();
    }
}
