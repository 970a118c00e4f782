package io.minewatch.collectors.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.minewatch.config.OpcUaCollectorConfig;
import io.minewatch.config.OpcUaCollectorConfig.Security;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.api.config.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.api.config.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.sdk.client.api.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.client.DiscoveryClient;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.UaRuntimeException;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;

/**
 * Opens a session with an OPC UA server as a collector's configuration says, using only standard services (GetEndpoints,
 * OpenSecureChannel, CreateSession, ActivateSession), so any compliant server will do:
 *
 * <ol>
 *   <li>asks the configured URL for its endpoints and picks the one with the configured security policy and mode;</li>
 *   <li>connects to the configured host and port whatever host name the server advertises (servers behind NAT or
 *       with an unresolvable host name are common);</li>
 *   <li>presents the gateway's client certificate (secure policies only) and checks the server's against the trust
 *       list ({@link ServerTrust});</li>
 *   <li>logs in anonymously, or with the user name and password.</li>
 * </ol>
 *
 * A failed attempt leaves no client behind: Milo's own reconnection is stopped, the caller decides when to retry.
 */
public final class OpcUaClients {

    /** How long one service call (and the TCP connect) may take. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(5);

    private OpcUaClients() {
    }

    /**
     * Connects to {@code endpoint} as {@code name} (which names it in logs and in the files of refused server
     * certificates), with a client certificate from the PKI directory when the security policy needs one.
     */
    public static OpcUaClient connect(String name, URI endpoint, Security security) throws OpcUaConnectException {
        ServerTrust trust = new ServerTrust(name, endpoint.toString(), security.pkiDir(), security.trustOnFirstUse());
        return connect(name, endpoint, security, trust, clientCertificate(security));
    }

    /** The client certificate {@code security} needs: none with policy none, else the one kept in its directory. */
    static Optional<ClientCertificate> clientCertificate(Security security) throws OpcUaConnectException {
        if (security.policy() == OpcUaCollectorConfig.SecurityPolicy.NONE) {
            return Optional.empty();
        }
        try {
            return Optional.of(ClientCertificate.loadOrCreate(security.pkiDir()));
        } catch (IOException | GeneralSecurityException e) {
            throw new OpcUaConnectException("cannot read or create the client certificate in "
                    + security.pkiDir().resolve("client") + ": " + e.getMessage(), e);
        }
    }

    static OpcUaClient connect(String name, URI url, Security security, ServerTrust trust,
            Optional<ClientCertificate> certificate) throws OpcUaConnectException {
        EndpointDescription endpoint = select(url, security, endpoints(url));
        endpoint = EndpointUtil.updateUrl(endpoint, url.getHost(), url.getPort() > 0 ? url.getPort() : 4840);
        OpcUaClient client;
        try {
            client = OpcUaClient.create(clientConfig(name, url, security, endpoint, trust, certificate));
        } catch (UaException | UaRuntimeException e) {
            throw new OpcUaConnectException("cannot set up a client for " + url + ": " + e.getMessage(), e);
        }
        try {
            await(client.connect(), "connecting to " + url);
            return client;
        } catch (OpcUaConnectException e) {
            // Milo keeps retrying a client whose first connection failed; this one is abandoned.
            client.disconnect();
            String refusal = trust.lastRefusal();
            if (refusal != null) {
                throw new OpcUaConnectException("connecting to " + url + ": " + refusal, e);
            }
            if (certificate.isPresent() && e.getMessage().contains("Bad_SecurityChecksFailed")) {
                throw new OpcUaConnectException(e.getMessage() + " (does the server trust the gateway's certificate "
                        + certificate.get().derFile() + "? It must be in the server's trust list)", e);
            }
            throw e;
        }
    }

    private static List<EndpointDescription> endpoints(URI url) throws OpcUaConnectException {
        return await(DiscoveryClient.getEndpoints(url.toString()), "asking " + url + " for its endpoints");
    }

    private static EndpointDescription select(URI url, Security security, List<EndpointDescription> endpoints)
            throws OpcUaConnectException {
        SecurityPolicy policy = policy(security.policy());
        MessageSecurityMode mode = mode(security.mode());
        return endpoints.stream()
                .filter(e -> policy.getUri().equals(e.getSecurityPolicyUri()) && e.getSecurityMode() == mode)
                .filter(e -> e.getEndpointUrl() != null && e.getEndpointUrl().startsWith("opc.tcp:"))
                .findFirst()
                .orElseThrow(() -> new OpcUaConnectException("the server at " + url + " offers no endpoint with"
                        + " security " + security.policy().id() + " " + security.mode().id() + " (it offers: "
                        + offered(endpoints) + ")"));
    }

    private static String offered(List<EndpointDescription> endpoints) {
        return endpoints.stream()
                .map(e -> SecurityPolicy.fromUriSafe(e.getSecurityPolicyUri()).map(Enum::name)
                        .orElse(e.getSecurityPolicyUri()) + " " + e.getSecurityMode())
                .distinct().collect(Collectors.joining(", "));
    }

    private static OpcUaClientConfig clientConfig(String name, URI url, Security security,
            EndpointDescription endpoint, ServerTrust trust, Optional<ClientCertificate> certificate)
            throws OpcUaConnectException {
        OpcUaClientConfigBuilder builder = OpcUaClientConfig.builder()
                .setApplicationName(LocalizedText.english("minewatch gateway"))
                .setApplicationUri(certificate.map(ClientCertificate::applicationUri).orElse("urn:minewatch:gateway"))
                .setProductUri("urn:minewatch:gateway")
                .setEndpoint(endpoint)
                .setCertificateValidator(trust)
                .setSessionName(() -> "minewatch " + name)
                .setRequestTimeout(uint(REQUEST_TIMEOUT.toMillis()))
                .setConnectTimeout(uint(REQUEST_TIMEOUT.toMillis()))
                .setKeepAliveInterval(uint(KEEP_ALIVE.toMillis()))
                .setKeepAliveTimeout(uint(REQUEST_TIMEOUT.toMillis()))
                .setKeepAliveFailuresAllowed(uint(1));
        certificate.ifPresent(c -> builder.setKeyPair(c.keyPair()).setCertificate(c.certificate())
                .setCertificateChain(new X509Certificate[] {c.certificate()}));
        if (security.username() == null) {
            builder.setIdentityProvider(AnonymousProvider.INSTANCE);
        } else {
            boolean offersUserName = Arrays.stream(Optional.ofNullable(endpoint.getUserIdentityTokens())
                    .orElse(new UserTokenPolicy[0])).anyMatch(p -> p.getTokenType() == UserTokenType.UserName);
            if (!offersUserName) {
                throw new OpcUaConnectException("the server at " + url + " does not accept a user name"
                        + " and password on its " + security.policy().id() + " endpoint (remove username and"
                        + " password to log in anonymously)");
            }
            builder.setIdentityProvider(new UsernameProvider(security.username(),
                    security.password() == null ? "" : security.password(), trust));
        }
        return builder.build();
    }

    static SecurityPolicy policy(OpcUaCollectorConfig.SecurityPolicy policy) {
        return switch (policy) {
            case NONE -> SecurityPolicy.None;
            case BASIC256SHA256 -> SecurityPolicy.Basic256Sha256;
        };
    }

    static MessageSecurityMode mode(OpcUaCollectorConfig.SecurityMode mode) {
        return switch (mode) {
            case NONE -> MessageSecurityMode.None;
            case SIGN -> MessageSecurityMode.Sign;
            case SIGN_AND_ENCRYPT -> MessageSecurityMode.SignAndEncrypt;
        };
    }

    /** Waits for a Milo future, turning its failure into a sentence naming what was attempted. */
    public static <T> T await(Future<T> future, String doing) throws OpcUaConnectException {
        try {
            return future.get(REQUEST_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new OpcUaConnectException(doing + ": interrupted", e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new OpcUaConnectException(doing + ": no answer within " + REQUEST_TIMEOUT.multipliedBy(2)
                    .toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new OpcUaConnectException(doing + ": " + describe(e.getCause()), e.getCause());
        }
    }

    /** A failure in an operator's words: Milo's status code name, or the socket error. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof UaException) && cause.getCause() != null
                && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof UaException ua) {
            long code = ua.getStatusCode().getValue();
            String name = StatusCodes.lookup(code).map(n -> n[0]).orElse(String.format("0x%08X", code));
            String message = ua.getMessage();
            if (message == null || message.isBlank() || message.startsWith("status=")) {
                // Milo's own text is the status's name and description; say it once, plainly.
                message = StatusCodes.lookup(code).map(n -> n[1]).orElse("");
            }
            // "io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: ..." says it twice.
            int exception = message.lastIndexOf("Exception: ");
            if (exception >= 0) {
                message = message.substring(exception + "Exception: ".length());
            }
            return message.isBlank() ? name : name + ": " + message;
        }
        Throwable root = cause == null ? failure : cause;
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
