package io.minewatch.simulators.opcua;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the simulated substation serves: where it listens, where it keeps its certificate and trust list, and who may
 * log in. It always offers security None and Basic256Sha256 with Sign and with SignAndEncrypt.
 *
 * @param bindAddress       address to listen on; also the host name in the endpoint URLs it advertises
 * @param port              TCP port, 1 to 65535 (a restarted substation must come back on the same one)
 * @param path              endpoint path, e.g. {@code /minewatch}
 * @param pkiDir            holds the server certificate ({@code server/}) and the trust list for client
 *                          certificates ({@code pki/trusted/certs}, refused ones in {@code pki/rejected})
 * @param trustAllClients   accept any client certificate (the demo); false: only those in the trust list
 * @param users             user name to password; empty: anonymous only. Anonymous access stays allowed either way
 * @param updatePeriod      how often every variable takes its signal's current value
 */
public record SubstationSettings(String bindAddress, int port, String path, Path pkiDir, boolean trustAllClients,
        Map<String, String> users, Duration updatePeriod) {

    public static final String DEFAULT_PATH = "/minewatch";

    public SubstationSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(pkiDir, "pkiDir");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port : " + port + " (expected: 1 to 65535)");
        }
        path = path == null || path.isBlank() ? DEFAULT_PATH : path.startsWith("/") ? path : "/" + path;
        users = Map.copyOf(users == null ? Map.of() : users);
        updatePeriod = updatePeriod == null ? Duration.ofSeconds(1) : updatePeriod;
        if (updatePeriod.isNegative() || updatePeriod.isZero()) {
            throw new IllegalArgumentException("updatePeriod : " + updatePeriod + " (expected: > 0)");
        }
    }

    /** Loopback only, every security policy, client certificates from the trust list, anonymous, 1 s updates. */
    public static SubstationSettings local(int port, Path pkiDir) {
        return new SubstationSettings("127.0.0.1", port, DEFAULT_PATH, pkiDir, false, Map.of(), null);
    }

    public SubstationSettings withTrustAllClients(boolean trustAll) {
        return new SubstationSettings(bindAddress, port, path, pkiDir, trustAll, users,
                updatePeriod);
    }

    public SubstationSettings withUsers(Map<String, String> logins) {
        return new SubstationSettings(bindAddress, port, path, pkiDir, trustAllClients, logins,
                updatePeriod);
    }

    public SubstationSettings withUpdatePeriod(Duration period) {
        return new SubstationSettings(bindAddress, port, path, pkiDir, trustAllClients, users,
                period);
    }

    /** The URL clients connect to. */
    public String endpointUrl() {
        String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        return "opc.tcp://" + host + ":" + port + path;
    }
}
