package io.minewatch.gateway.history;

import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.storage.InfluxQl;
import io.minewatch.gateway.storage.StoreUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Pre-aggregated history in InfluxDB, so that a month of 1 s readings is charted from a few thousand rollup rows
 * instead of scanning 2.6 million points per sensor. Three measurements beside the raw ones (whose schema is
 * unchanged): {@code rollup_1m}, {@code rollup_10m}, {@code rollup_1h}, with the raw points' tags ({@code site},
 * {@code sensor}) and fields {@code min}, {@code max}, {@code sum}, {@code last}, {@code count}, one point per sensor
 * and non-empty interval, stamped with the interval's start.
 *
 * <p>They are written by InfluxDB itself, with {@code SELECT ... INTO}: the minute rollup from the raw points, each
 * coarser one from the finer one ({@code sum} and {@code count} rather than a mean, so that means combine exactly).
 * Recomputing an interval overwrites its points (same series, same time), so rolling up again, after late or
 * redelivered readings, is harmless. {@link RollupJob} decides which intervals to roll up and when.
 *
 * <p>{@link #coveredUntil} says up to where a tier is complete: the end of its latest interval. Queries use a tier only
 * before that and fall back to finer tiers and then raw points after it.
 */
public final class InfluxRollups {

    /** A rollup resolution; each divides the next, and all are aligned to the epoch like GROUP BY time(). */
    public enum Tier {
        MINUTE(60_000L, "rollup_1m"),
        TEN_MINUTES(600_000L, "rollup_10m"),
        HOUR(3_600_000L, "rollup_1h");

        private final long millis;
        private final String measurement;

        Tier(long millis, String measurement) {
            this.millis = millis;
            this.measurement = measurement;
        }

        public long millis() {
            return millis;
        }

        public String measurement() {
            return measurement;
        }

        long floor(long time) {
            return Math.floorDiv(time, millis) * millis;
        }

        long ceil(long time) {
            return -Math.floorDiv(-time, millis) * millis;
        }
    }

    /** Coarsest first: the order in which a query tries them. */
    static final List<Tier> COARSEST_FIRST = List.of(Tier.HOUR, Tier.TEN_MINUTES, Tier.MINUTE);
    /** The longest period one SELECT ... INTO rolls up, so InfluxDB never holds a month's result at once. */
    static final long CHUNK_MILLIS = 86_400_000L;
    private static final long COVERAGE_CACHE_MILLIS = 5_000;

    private final InfluxHttp http;
    private final String retentionPolicy;
    private final Clock clock;
    private final String rawSource;
    private final AtomicLong[] coverage = new AtomicLong[Tier.values().length];
    private final AtomicLong[] coverageAt = new AtomicLong[Tier.values().length];

    InfluxRollups(InfluxHttp http, String retentionPolicy, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.retentionPolicy = Objects.requireNonNull(retentionPolicy, "retentionPolicy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rawSource = InfluxQl.identifier(retentionPolicy) + "./^(" + Arrays.stream(Kind.values()).map(Kind::id)
                .collect(Collectors.joining("|")) + ")$/";
        for (int i = 0; i < coverage.length; i++) {
            coverage[i] = new AtomicLong(Long.MIN_VALUE);
            coverageAt[i] = new AtomicLong(Long.MIN_VALUE);
        }
    }

    /** Rolls up every tier over {@code [from, to)} widened to whole hours, finest first. */
    public void rebuild(long fromMillis, long toMillis) throws StoreUnavailableException {
        long from = Tier.HOUR.floor(fromMillis);
        long to = Tier.HOUR.ceil(toMillis);
        for (Tier tier : Tier.values()) {
            rollUp(tier, from, to);
        }
    }

    /** Recomputes {@code tier} over {@code [from, to)} (multiples of the tier), from the next finer tier or raw. */
    void rollUp(Tier tier, long fromMillis, long toMillis) throws StoreUnavailableException {
        for (long start = fromMillis; start < toMillis; start += CHUNK_MILLIS) {
            http.execute(rollUpStatement(tier, start, Math.min(toMillis, start + CHUNK_MILLIS)));
        }
        coverageAt[tier.ordinal()].set(Long.MIN_VALUE);
    }

    String rollUpStatement(Tier tier, long fromMillis, long toMillis) {
        String select = tier == Tier.MINUTE
                ? "SELECT min(\"value\") AS \"min\", max(\"value\") AS \"max\", sum(\"value\") AS \"sum\", "
                        + "last(\"value\") AS \"last\", count(\"value\") AS \"count\""
                : "SELECT min(\"min\") AS \"min\", max(\"max\") AS \"max\", sum(\"sum\") AS \"sum\", "
                        + "last(\"last\") AS \"last\", sum(\"count\") AS \"count\"";
        String from = tier == Tier.MINUTE ? rawSource : source(Tier.values()[tier.ordinal() - 1].measurement());
        return select + " INTO " + source(tier.measurement()) + " FROM " + from + " WHERE time >= " + fromMillis
                + "ms AND time < " + toMillis + "ms GROUP BY time(" + tier.millis() + "ms), * fill(none)";
    }

    /**
     * The end of the tier's latest interval, before which it is complete (as far as the roll-up job knows); empty
     * when the tier holds nothing. Asked of InfluxDB at most every few seconds.
     */
    public OptionalLong coveredUntil(Tier tier) throws StoreUnavailableException {
        int i = tier.ordinal();
        long now = clock.millis();
        if (coverageAt[i].get() == Long.MIN_VALUE || now - coverageAt[i].get() > COVERAGE_CACHE_MILLIS) {
            OptionalLong latest = latest(tier);
            coverage[i].set(latest.isPresent() ? latest.getAsLong() + tier.millis() : Long.MIN_VALUE);
            coverageAt[i].set(now);
        }
        long covered = coverage[i].get();
        return covered == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(covered);
    }

    /** The start of the tier's latest interval, of any sensor. */
    OptionalLong latest(Tier tier) throws StoreUnavailableException {
        return firstTime("SELECT last(\"count\") FROM " + source(tier.measurement()), true);
    }

    /** The time of the oldest raw reading of any kind, where a first roll-up starts. */
    OptionalLong oldestRaw() throws StoreUnavailableException {
        return firstTime("SELECT first(\"value\") FROM " + rawSource, false);
    }

    private OptionalLong firstTime(String query, boolean latest) throws StoreUnavailableException {
        long[] found = {Long.MIN_VALUE};
        try {
            http.select(query, (series, row) -> {
                if (!row.isEmpty() && row.get(0) instanceof Number time) {
                    long t = time.longValue();
                    found[0] = found[0] == Long.MIN_VALUE ? t : latest ? Math.max(found[0], t) : Math.min(found[0], t);
                }
            });
        } catch (IOException e) {
            throw new StoreUnavailableException("InfluxDB " + http.endpoint() + " answer unreadable: " + e, e);
        }
        return found[0] == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found[0]);
    }

    private String source(String measurement) {
        return InfluxQl.identifier(retentionPolicy) + "." + InfluxQl.identifier(measurement);
    }
}
