package io.minewatch.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.access.AccessConfig;
import io.minewatch.config.access.TlsConfig;
import io.minewatch.gateway.alarms.AlarmAcknowledger;
import io.minewatch.gateway.alarms.AlarmBoard;
import io.minewatch.gateway.alarms.AlarmEvent;
import io.minewatch.gateway.alarms.AlarmJson;
import io.minewatch.gateway.alarms.AlarmListener;
import io.minewatch.gateway.auth.Authenticator;
import io.minewatch.gateway.auth.PasswordHasher;
import io.minewatch.gateway.auth.SessionStore;
import io.minewatch.gateway.live.LiveBoard;
import io.minewatch.gateway.live.Staleness;
import io.minewatch.gateway.web.ws.LiveFrames;
import io.minewatch.gateway.web.ws.LiveHub;
import io.minewatch.gateway.web.ws.LiveLimits;
import io.minewatch.gateway.web.ws.LiveUpgrade;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control room: the HTTP(S) API, the {@code /ws/live} stream and the page, behind login and roles.
 *
 * <p>Built in two steps because the live stream must be an alarm listener before the pipeline exists, and the API
 * reads the pipeline: construct it first (and add {@link #liveAlarms()} to the pipeline's alarm listeners), then
 * {@link #serve} once every part exists. Other components add their routes on {@link #router()} before
 * {@link #start()}, each with the {@link io.minewatch.gateway.auth.Permission} it needs.
 */
public final class ControlRoom implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlRoom.class);

    private final MinewatchConfig config;
    private final ObjectMapper mapper;
    private final Authenticator authenticator;
    private final SessionTokens tokens;
    private final SensorJson sensorJson;
    private final LiveFrames frames;
    private final LiveHub hub;
    private final ScheduledExecutorService ticker;
    private final Router router = new Router();
    private final Map<String, Supplier<JsonNode>> healthSections = new ConcurrentSkipListMap<>();
    private volatile MaintenanceView maintenance = MaintenanceView.NONE;
    private StreamedRoutes streams = StreamedRoutes.NONE;
    private volatile AlarmAcknowledger acknowledger = ControlRoom::notWired;
    private HttpServer http;

    public ControlRoom(MinewatchConfig config, LiveBoard live, AlarmBoard alarms, ObjectMapper mapper, Clock clock,
            MeterRegistry metrics, Duration staleAfter, LiveLimits limits) {
        this.config = config;
        this.mapper = mapper;
        AccessConfig access = config.access();
        SecureRandom random = new SecureRandom();
        SessionStore sessions = new SessionStore(clock, random, access.sessionTtl());
        this.authenticator = new Authenticator(access.users(), new PasswordHasher(random), sessions);
        this.tokens = new SessionTokens(sessions);
        this.sensorJson = new SensorJson(mapper, new Staleness(live, staleAfter.toMillis()),
                sensor -> maintenance.inMaintenance(sensor));
        this.frames = new LiveFrames(config, live, alarms, sensorJson, new AlarmJson(mapper));
        this.ticker = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("minewatch-live", true));
        this.hub = new LiveHub(frames, tokens, ticker, limits, clock, metrics);
        live.listen(hub::onReadings);
    }

    /** Alarm events for the live stream: add to the pipeline's alarm listeners. */
    public AlarmListener liveAlarms() {
        return hub;
    }

    /** Where routes are registered: {@code controlRoom.router().get("/api/x", Permission.HISTORY, "...", h::get)}. */
    public Router router() {
        return router;
    }

    /** Adds {@code "name": section()} to {@code /health} (e.g. {@code "uplink"}, the regulator endpoints' state). */
    public void healthSection(String name, Supplier<JsonNode> section) {
        healthSections.put(name, section);
    }

    /** Shows maintenance marks from the sensor-conditions component. */
    public void showMaintenance(MaintenanceView view) {
        this.maintenance = view;
    }

    /** Acknowledgements go to {@code acknowledger} (the alarm lifecycle's); until set they answer 503. */
    public void acknowledgeWith(AlarmAcknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    private static CompletionStage<AlarmEvent> notWired(String alarmId, String user, String note) {
        return CompletableFuture.failedFuture(new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE,
                "alarm acknowledgement is not available in this build"));
    }

    /** Streamed endpoints (history, replay, what-if) served beside the routes; call before {@link #serve}. */
    public void streamWith(StreamedRoutes streams) {
        this.streams = streams;
    }

    /** The streamed endpoints as {@code METHOD /path}. */
    public java.util.Set<String> streamedEndpoints() {
        return streams.endpoints();
    }

    /** Registers the control room's own routes and prepares the server. */
    public void serve(ApiContext ctx) {
        ClassLoader loader = ControlRoom.class.getClassLoader();
        new SessionRoutes(authenticator, mapper, config.access().tls().isPresent()).register(router);
        new StatusRoutes(ctx.collectors(), ctx.store(), ctx.systemAlarms(), ctx.pipeline(), ctx.alarms(),
                ctx.metrics(), mapper, ctx.clock(), healthSections).register(router);
        new SensorRoutes(config, ctx.registry(), ctx.live(), ctx.alarms(), sensorJson, ctx.clock()).register(router);
        new AlarmRoutes(ctx.alarms(), ctx.alarmJson(),
                (alarmId, user, note) -> acknowledger.acknowledge(alarmId, user, note)).register(router);
        new OpenApiRoute(loader).register(router);
        ApiHandler api = new ApiHandler(router, tokens, new StaticFiles(loader), new LiveUpgrade(hub, frames, mapper),
                mapper, streams);
        this.http = new HttpServer(config.http().bind(), config.http().port(), tls(config.access()), api);
    }

    public void start() throws InterruptedException {
        if (http == null) {
            throw new IllegalStateException("serve(...) before start()");
        }
        if (!authenticator.hasUsers()) {
            LOG.warn("No users configured: nobody can log in, and every API call but /health and /metrics (from"
                    + " this host) is refused. Add users: with ./minewatch hash-password (docs/configuration.md)");
        }
        hub.start();
        http.start();
    }

    public int port() {
        return http.port();
    }

    public LiveHub hub() {
        return hub;
    }

    private static SslContext tls(AccessConfig access) {
        if (access.tls().isEmpty()) {
            return null;
        }
        TlsConfig tls = access.tls().get();
        try {
            return SslContextBuilder.forServer(tls.certificate().toFile(), tls.privateKey().toFile()).build();
        } catch (Exception e) {
            throw new IllegalArgumentException("http.tls : certificate " + tls.certificate() + ", private key "
                    + tls.privateKey() + " (expected: a PEM certificate chain and its unencrypted PKCS#8 PEM key; "
                    + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        hub.close();
        if (http != null) {
            http.close();
        }
        ticker.shutdownNow();
    }
}
