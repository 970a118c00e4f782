package io.minewatch.gateway.auth;

import io.minewatch.config.access.UserConfig;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in the one format the configuration reads: {@code pbkdf2-sha256:ITERATIONS:SALT:HASH}, PBKDF2 with
 * HMAC-SHA256 from the JDK, a 16-byte random salt and a 32-byte hash, both in standard Base64.
 */
public final class PasswordHasher {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final SecureRandom random;
    private final int iterations;

    public PasswordHasher(SecureRandom random, int iterations) {
        if (iterations < 10_000) {
            throw new IllegalArgumentException("iterations : " + iterations + " (expected: >= 10000)");
        }
        this.random = random;
        this.iterations = iterations;
    }

    public PasswordHasher(SecureRandom random) {
        this(random, DEFAULT_ITERATIONS);
    }

    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        return "pbkdf2-sha256:" + iterations + ":" + base64.encodeToString(salt) + ":"
                + base64.encodeToString(derive(password, salt, iterations));
    }

    /** True when {@code password} has the hash {@code encoded}; false also for a hash not in the format. */
    public boolean verify(char[] password, String encoded) {
        Matcher parts = UserConfig.PASSWORD_HASH.matcher(encoded);
        if (!parts.matches()) {
            return false;
        }
        Base64.Decoder base64 = Base64.getDecoder();
        byte[] expected = base64.decode(parts.group(3));
        byte[] actual = derive(password, base64.decode(parts.group(2)), Integer.parseInt(parts.group(1)),
                expected.length * 8);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        return derive(password, salt, iterations, HASH_BITS);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK 17", e);
        } finally {
            spec.clearPassword();
        }
    }
}
