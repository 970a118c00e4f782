package io.minewatch.config;

import io.minewatch.config.quantity.Unit;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One OPC UA server to subscribe to ({@code collectors.opcua[]}): where it is, how to talk to it securely, which of
 * its variables are which sensors, and how the subscription samples them.
 *
 * @param name         unique collector name, used in logs, metrics and health
 * @param endpoint     {@code opc.tcp://host:port[/path]}; the host and port are used even when the server advertises
 *                     other ones (servers behind NAT often do)
 * @param security     security policy, message mode, identity and certificate directory
 * @param nodes        variables mapped to sensors one by one
 * @param browse       folders walked on every connection, their variables mapped to sensors by name
 * @param subscription publishing and sampling settings shared by every monitored variable
 * @param reconnectMin first reconnect delay (default 500 ms), doubled after each failure
 * @param reconnectMax longest reconnect delay (default 2 s): short, because a reconnect costs a PLC one TCP handshake
 *                     and readings must resume within seconds of a server's return
 */
public record OpcUaCollectorConfig(String name, URI endpoint, Security security, List<NodeMapping> nodes,
        List<BrowseMapping> browse, Subscription subscription, Duration reconnectMin, Duration reconnectMax) {

    public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofMillis(500);
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(2);

    public OpcUaCollectorConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        if (!"opc.tcp".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint : " + endpoint + " (expected: opc.tcp://HOST:PORT[/PATH])");
        }
        Objects.requireNonNull(security, "security");
        nodes = List.copyOf(nodes == null ? List.of() : nodes);
        browse = List.copyOf(browse == null ? List.of() : browse);
        if (nodes.isEmpty() && browse.isEmpty()) {
            throw new IllegalArgumentException("collector " + name + " nodes : [] (expected: at least one node or"
                    + " browse mapping)");
        }
        subscription = subscription == null ? Subscription.DEFAULT : subscription;
        reconnectMin = reconnectMin == null ? DEFAULT_RECONNECT_MIN : reconnectMin;
        reconnectMax = reconnectMax == null ? DEFAULT_RECONNECT_MAX : reconnectMax;
        if (reconnectMin.isNegative() || reconnectMin.isZero()) {
            throw new IllegalArgumentException("reconnectMin : " + reconnectMin + " (expected: > 0)");
        }
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnectMax : " + reconnectMax + " (expected: >= reconnectMin)");
        }
    }

    /** The endpoint's port, 4840 (the registered OPC UA port) when the URL names none. */
    public int port() {
        return endpoint.getPort() > 0 ? endpoint.getPort() : 4840;
    }

    /** OPC UA security policies minewatch speaks. */
    public enum SecurityPolicy {
        NONE("none"), BASIC256SHA256("basic256sha256");

        private final String id;

        SecurityPolicy(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Optional<SecurityPolicy> byId(String id) {
            for (SecurityPolicy policy : values()) {
                if (policy.id.equalsIgnoreCase(id.trim())) {
                    return Optional.of(policy);
                }
            }
            return Optional.empty();
        }
    }

    /** OPC UA message security modes; {@link #NONE} goes with {@link SecurityPolicy#NONE} only. */
    public enum SecurityMode {
        NONE, SIGN, SIGN_AND_ENCRYPT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<SecurityMode> byId(String id) {
            for (SecurityMode mode : values()) {
                if (mode.id().equalsIgnoreCase(id.trim())) {
                    return Optional.of(mode);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * How the connection is secured and who the gateway is to the server.
     *
     * @param policy          {@code none} or {@code basic256sha256}
     * @param mode            {@code none} with policy none; {@code sign} or {@code sign_and_encrypt} (the default)
     *                        otherwise
     * @param username        user name; null for anonymous
     * @param password        password, with a user name
     * @param pkiDir          holds the gateway's client certificate ({@code client/}, created on first start), the
     *                        trusted server certificates ({@code trusted/}) and the refused ones ({@code rejected/})
     * @param trustOnFirstUse trust the first server certificate this collector sees, and only that one afterwards;
     *                        false (the default): an unknown server certificate is refused until it is moved from
     *                        {@code rejected/} to {@code trusted/}
     */
    public record Security(SecurityPolicy policy, SecurityMode mode, String username, String password, Path pkiDir,
            boolean trustOnFirstUse) {

        public Security {
            policy = policy == null ? SecurityPolicy.NONE : policy;
            if (mode == null) {
                mode = policy == SecurityPolicy.NONE ? SecurityMode.NONE : SecurityMode.SIGN_AND_ENCRYPT;
            }
            if ((policy == SecurityPolicy.NONE) != (mode == SecurityMode.NONE)) {
                throw new IllegalArgumentException("security_mode : " + mode.id() + " (expected: "
                        + (policy == SecurityPolicy.NONE ? "none with security none" : "sign or sign_and_encrypt with "
                        + policy.id()) + ")");
            }
            Objects.requireNonNull(pkiDir, "pkiDir");
            if (username != null && username.isBlank()) {
                username = null;
            }
            if (password != null && username == null) {
                throw new IllegalArgumentException("password : set (expected: with a username)");
            }
        }

        /** Anonymous, no security, certificates under {@code pkiDir}. */
        public static Security none(Path pkiDir) {
            return new Security(SecurityPolicy.NONE, SecurityMode.NONE, null, null, pkiDir, false);
        }
    }

    /**
     * One variable that is one sensor.
     *
     * @param node   the node id in OPC UA's text form: {@code ns=2;s=CM01.CH4.T1}, {@code ns=3;i=1001}, or with the
     *               namespace URI instead of its index, {@code nsu=urn:vendor:plc;s=CH4_T1}
     * @param sensor a registered sensor id
     * @param unit   the unit the server reports in; null for the kind's canonical unit
     */
    public record NodeMapping(String node, String sensor, Unit unit) {

        public NodeMapping {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(sensor, "sensor");
            if (!NodeIdText.isValid(node)) {
                throw new IllegalArgumentException("node : " + node + " (expected: " + NodeIdText.EXPECTED + ")");
            }
        }
    }

    /**
     * A folder whose variables are mapped by name: every variable below {@code folder} (at most {@code depth} levels
     * down) whose browse name matches {@code pattern} as a whole becomes the sensor named by {@code sensor}, a
     * replacement template over the match ({@code $0} the whole name, {@code $1} the first group). A name that maps
     * to no registered sensor is skipped with a warning.
     *
     * @param folder  node id of the folder (see {@link NodeMapping#node()})
     * @param pattern Java regular expression matched against each variable's browse name
     * @param sensor  replacement template giving the sensor id; default {@code $0}
     * @param unit    the unit the server reports in; null for each sensor's canonical unit
     * @param depth   levels below the folder walked, 1 to 32 (default 8)
     */
    public record BrowseMapping(String folder, String pattern, String sensor, Unit unit, int depth) {

        public static final int DEFAULT_DEPTH = 8;
        public static final int MAX_DEPTH = 32;

        public BrowseMapping {
            Objects.requireNonNull(folder, "folder");
            Objects.requireNonNull(pattern, "pattern");
            if (!NodeIdText.isValid(folder)) {
                throw new IllegalArgumentException("folder : " + folder + " (expected: " + NodeIdText.EXPECTED + ")");
            }
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("pattern : " + pattern + " (expected: a regular expression: "
                        + e.getDescription() + ")", e);
            }
            sensor = sensor == null || sensor.isBlank() ? "$0" : sensor;
            depth = depth == 0 ? DEFAULT_DEPTH : depth;
            if (depth < 1 || depth > MAX_DEPTH) {
                throw new IllegalArgumentException("depth : " + depth + " (expected: 1 to " + MAX_DEPTH + ")");
            }
        }
    }

    /** Which changes a server reports (OPC UA's DataChangeTrigger). */
    public enum Trigger {
        /** Status changes only. */
        STATUS,
        /** Status or value changes. */
        STATUS_VALUE,
        /** Status, value or source timestamp changes: an unchanged value re-read by the device is still reported. */
        STATUS_VALUE_TIMESTAMP;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Trigger> byId(String id) {
            for (Trigger trigger : values()) {
                if (trigger.id().equalsIgnoreCase(id.trim())) {
                    return Optional.of(trigger);
                }
            }
            return Optional.empty();
        }
    }

    /** How a deadband is measured; {@link #PERCENT} is of the variable's EURange, which the server must expose. */
    public enum DeadbandType {
        NONE, ABSOLUTE, PERCENT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<DeadbandType> byId(String id) {
            for (DeadbandType type : values()) {
                if (type.id().equalsIgnoreCase(id.trim())) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Subscription settings for every monitored variable of one collector.
     *
     * @param publishingInterval how often the server sends what changed (default 1 s)
     * @param samplingInterval   how often the server samples each variable (default 500 ms)
     * @param queueSize          samples a server keeps per variable between two publications (default 10)
     * @param deadbandType       none (default), absolute, or percent of the EURange
     * @param deadband           changes smaller than this are not reported; 0 with deadband type none
     * @param trigger            which changes are reported (default status_value_timestamp); with a deadband, servers
     *                           treat it as status_value
     */
    public record Subscription(Duration publishingInterval, Duration samplingInterval, int queueSize,
            DeadbandType deadbandType, double deadband, Trigger trigger) {

        public static final Subscription DEFAULT = new Subscription(null, null, 0, null, 0, null);

        public Subscription {
            publishingInterval = publishingInterval == null ? Duration.ofSeconds(1) : publishingInterval;
            samplingInterval = samplingInterval == null ? Duration.ofMillis(500) : samplingInterval;
            if (publishingInterval.isNegative() || publishingInterval.isZero()) {
                throw new IllegalArgumentException("publishing_interval : " + publishingInterval + " (expected: > 0)");
            }
            if (samplingInterval.isNegative()) {
                throw new IllegalArgumentException("sampling_interval : " + samplingInterval + " (expected: >= 0)");
            }
            queueSize = queueSize == 0 ? 10 : queueSize;
            if (queueSize < 1) {
                throw new IllegalArgumentException("queue_size : " + queueSize + " (expected: >= 1)");
            }
            deadbandType = deadbandType == null ? (deadband > 0 ? DeadbandType.ABSOLUTE : DeadbandType.NONE)
                    : deadbandType;
            if (!Double.isFinite(deadband) || deadband < 0) {
                throw new IllegalArgumentException("deadband : " + deadband + " (expected: a number >= 0)");
            }
            if (deadbandType == DeadbandType.PERCENT && deadband > 100) {
                throw new IllegalArgumentException("deadband : " + deadband + " (expected: 0 to 100 percent)");
            }
            if (deadbandType == DeadbandType.NONE && deadband != 0) {
                throw new IllegalArgumentException("deadband : " + deadband + " (expected: 0 with deadband_type none)");
            }
            trigger = trigger == null ? Trigger.STATUS_VALUE_TIMESTAMP : trigger;
        }
    }

    /** The text forms of OPC UA node ids (OPC 10000-6 §5.3.1.10) this configuration accepts. */
    public static final class NodeIdText {

        public static final String EXPECTED = "an OPC UA node id such as ns=2;s=CM01.CH4.T1, ns=3;i=1001, i=85"
                + " or nsu=urn:vendor:plc;s=CH4_T1";
        private static final Pattern FORM = Pattern.compile(
                "(?:(?:ns=(\\d{1,5})|nsu=[^;]+);)?(?:i=(\\d{1,10})|s=.+|g=[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}"
                        + "-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|b=[A-Za-z0-9+/]+={0,2})", Pattern.DOTALL);

        private NodeIdText() {
        }

        public static boolean isValid(String text) {
            var matcher = FORM.matcher(text);
            if (!matcher.matches()) {
                return false;
            }
            if (matcher.group(1) != null && Integer.parseInt(matcher.group(1)) > 65_535) {
                return false;
            }
            return matcher.group(2) == null || Long.parseLong(matcher.group(2)) <= 0xFFFF_FFFFL;
        }
    }
}
