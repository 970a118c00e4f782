package io.minewatch.collectors.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A self-signed certificate and its key in PEM files, made with {@code openssl} for a test broker. */
record TestCertificates(Path certificate, Path privateKey) {

    static TestCertificates selfSigned(Path dir, String ipAddress) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path certificate = dir.resolve("broker.crt");
        Path key = dir.resolve("broker.key");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-days", "2",
                "-subj", "/CN=" + ipAddress, "-addext", "subjectAltName=IP:" + ipAddress)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile())
                .start();
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl failed: " + Files.readString(dir.resolve("openssl.log")));
        }
        return new TestCertificates(certificate, key);
    }
}
