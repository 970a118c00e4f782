package io.minewatch.simulators.opcua;

import io.minewatch.simulators.fleet.Fleet;
import io.minewatch.simulators.fleet.SimulatedSensor;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.config.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.server.EndpointConfiguration;
import org.eclipse.milo.opcua.stack.server.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.server.security.ServerCertificateValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mine monitoring substation on the Eclipse Milo server SDK: every sensor of a {@link Fleet} is a Double variable
 * in a browsable folder tree (see {@link SubstationNamespace}), updated every {@code updatePeriod} with its signal's
 * value, the update time as source timestamp, and the {@link PointStatus} set for it.
 *
 * <p>Offers security None and Basic256Sha256 (Sign, SignAndEncrypt); client certificates must be in the trust list
 * unless {@code trustAllClients}. {@link #stop()} and {@link #start()} take the server down and bring it back on the
 * same port with the same certificate, as a restarted PLC would; signals go on meanwhile.
 */
public final class OpcUaSubstation implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpcUaSubstation.class);
    private static final long SERVER_TIMEOUT_SECONDS = 10;

    private final SubstationSettings settings;
    private final Fleet fleet;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final String applicationUri;
    private final Map<String, PointStatus> statuses = new ConcurrentHashMap<>();
    private final AtomicLong updates = new AtomicLong();

    private final Object lifecycle = new Object();
    // Guarded by lifecycle.
    private ScheduledFuture<?> ticks;
    private OpcUaServer server;
    private DefaultTrustListManager trustList;
    private SubstationCertificate certificate;
    private boolean closed;
    // Written under lifecycle, read by ticks.
    private volatile SubstationNamespace namespace;

    public OpcUaSubstation(SubstationSettings settings, Fleet fleet, ScheduledExecutorService scheduler, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.applicationUri = "urn:minewatch:substation:" + settings.bindAddress() + ":" + settings.port();
    }

    /** Starts serving (again, after {@link #stop()}); returns once the port accepts connections. */
    public void start() throws IOException, GeneralSecurityException {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("substation : closed (expected: a new substation)");
            }
            if (server != null) {
                return;
            }
            if (certificate == null) {
                certificate = SubstationCertificate.loadOrCreate(settings.pkiDir().resolve("server"), applicationUri,
                        settings.bindAddress());
            }
            trustList = new DefaultTrustListManager(settings.pkiDir().resolve("pki").toFile());
            OpcUaServer created = new OpcUaServer(config(trustList));
            SubstationNamespace createdNamespace = new SubstationNamespace(created, fleet, currentValues());
            createdNamespace.startup();
            try {
                created.startup().get(SERVER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon(created, createdNamespace);
                throw new IOException("interrupted while starting the OPC UA substation", e);
            } catch (ExecutionException | TimeoutException e) {
                abandon(created, createdNamespace);
                throw new IOException("OPC UA substation cannot serve " + settings.endpointUrl() + ": "
                        + (e.getCause() == null ? e : e.getCause()), e);
            }
            server = created;
            namespace = createdNamespace;
            if (ticks == null) {
                long period = settings.updatePeriod().toMillis();
                ticks = scheduler.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
            }
        }
        log.info("OPC UA substation serving {} sensors at {} (security None, Basic256Sha256 Sign and"
                + " SignAndEncrypt)", fleet.size(), settings.endpointUrl());
    }

    private void abandon(OpcUaServer created, SubstationNamespace createdNamespace) {
        createdNamespace.shutdown();
        created.shutdown();
        closeTrustList();
    }

    /** Takes the server down, closing every client connection; signals go on and {@link #start()} serves again. */
    public void stop() {
        OpcUaServer stopping;
        synchronized (lifecycle) {
            stopping = server;
            server = null;
            if (stopping == null) {
                return;
            }
            namespace.shutdown();
            namespace = null;
            try {
                stopping.shutdown().get(SERVER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("OPC UA substation at {} did not shut down cleanly: {}", settings.endpointUrl(), e.toString());
            }
            closeTrustList();
        }
        log.info("OPC UA substation at {} stopped", settings.endpointUrl());
    }

    // Guarded by lifecycle.
    private void closeTrustList() {
        if (trustList != null) {
            try {
                trustList.close();
            } catch (IOException e) {
                log.debug("OPC UA substation: closing the trust list failed: {}", e.toString());
            }
            trustList = null;
        }
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
            if (ticks != null) {
                ticks.cancel(false);
            }
        }
        stop();
    }

    public boolean isRunning() {
        synchronized (lifecycle) {
            return server != null;
        }
    }

    public String endpointUrl() {
        return settings.endpointUrl();
    }

    public String namespaceUri() {
        return SubstationNamespace.URI;
    }

    /** The server's certificate (created on the first {@link #start()}); null before. */
    public X509Certificate certificate() {
        synchronized (lifecycle) {
            return certificate == null ? null : certificate.certificate();
        }
    }

    /** Client certificates placed here (DER) are trusted, also while the server runs. */
    public Path trustedClientCertificates() {
        return settings.pkiDir().resolve("pki").resolve("trusted").resolve("certs");
    }

    /** Where refused client certificates are kept. */
    public Path rejectedClientCertificates() {
        return settings.pkiDir().resolve("pki").resolve("rejected");
    }

    /** From the next update on, {@code sensor} reports {@code status} (a simulated transmitter fault, or GOOD). */
    public void setStatus(String sensor, PointStatus status) {
        fleet.require(sensor);
        statuses.put(sensor, Objects.requireNonNull(status, "status"));
    }

    /** Updates made to the variables since construction (one per sensor per period while serving). */
    public long updates() {
        return updates.get();
    }

    private void tick() {
        SubstationNamespace current = namespace;
        if (current == null) {
            return;
        }
        try {
            long now = clock.millis();
            for (SimulatedSensor sensor : fleet.sensors()) {
                current.update(sensor.id(), valueOf(sensor, now));
                updates.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task and freeze every value.
            log.error("OPC UA substation at {}: update failed", settings.endpointUrl(), e);
        }
    }

    private Map<String, DataValue> currentValues() {
        long now = clock.millis();
        Map<String, DataValue> values = new HashMap<>();
        for (SimulatedSensor sensor : fleet.sensors()) {
            values.put(sensor.id(), valueOf(sensor, now));
        }
        return values;
    }

    private DataValue valueOf(SimulatedSensor sensor, long epochMillis) {
        PointStatus status = statuses.getOrDefault(sensor.id(), PointStatus.GOOD);
        if (!sensor.reportsAt(epochMillis)) {
            // A dropout: the data logger has lost its field device.
            status = PointStatus.BAD_WITHOUT_VALUE;
        }
        Variant value = status.carriesValue() ? new Variant(sensor.valueAt(epochMillis)) : Variant.NULL_VALUE;
        DateTime time = new DateTime(Instant.ofEpochMilli(epochMillis));
        return new DataValue(value, status.statusCode(), time, time);
    }

    private OpcUaServerConfig config(DefaultTrustListManager trust) {
        List<UserTokenPolicy> tokenPolicies = settings.users().isEmpty()
                ? List.of(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS)
                : List.of(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS, new UserTokenPolicy("username",
                        UserTokenType.UserName, null, null, SecurityPolicy.Basic256Sha256.getUri()));
        EndpointConfiguration.Builder base = EndpointConfiguration.newBuilder()
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .setBindAddress(settings.bindAddress())
                .setHostname(settings.bindAddress())
                .setBindPort(settings.port())
                .setPath(settings.path())
                .setCertificate(certificate.certificate())
                .addTokenPolicies(tokenPolicies.toArray(UserTokenPolicy[]::new));
        Set<EndpointConfiguration> endpoints = new LinkedHashSet<>();
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
                .build());
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                .setSecurityMode(MessageSecurityMode.Sign).build());
        endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                .setSecurityMode(MessageSecurityMode.SignAndEncrypt).build());

        ServerCertificateValidator validator = settings.trustAllClients() ? new AcceptingValidator()
                : new DefaultServerCertificateValidator(trust);
        Map<String, String> users = settings.users();
        return OpcUaServerConfig.builder()
                .setApplicationUri(applicationUri)
                .setApplicationName(LocalizedText.english("minewatch substation simulator"))
                .setProductUri("urn:minewatch:substation")
                .setBuildInfo(new BuildInfo("urn:minewatch:substation", "minewatch", "minewatch substation simulator",
                        OpcUaServer.SDK_VERSION, "", DateTime.now()))
                .setEndpoints(endpoints)
                .setCertificateManager(new DefaultCertificateManager(certificate.keyPair(), certificate.certificate()))
                .setTrustListManager(trust)
                .setCertificateValidator(validator)
                .setIdentityValidator(new UsernameIdentityValidator(true,
                        challenge -> challenge.getPassword() != null
                                && challenge.getPassword().equals(users.get(challenge.getUsername()))))
                .build();
    }

    /** The demo's "trust every client": any certificate, no questions; never for a real deployment. */
    private static final class AcceptingValidator implements ServerCertificateValidator {

        @Override
        public void validateCertificateChain(List<X509Certificate> chain) {
            log.debug("OPC UA substation accepts client certificate {} without checking it",
                    chain.get(0).getSubjectX500Principal());
        }

        @Override
        public void validateCertificateChain(List<X509Certificate> chain, String applicationUri) {
            validateCertificateChain(chain);
        }
    }
}
