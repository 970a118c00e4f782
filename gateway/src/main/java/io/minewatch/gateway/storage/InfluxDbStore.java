package io.minewatch.gateway.storage;

import io.minewatch.collectors.Reading;
import io.minewatch.config.StorageConfig.InfluxDbConfig;
import io.minewatch.config.quantity.Kind;
import io.minewatch.gateway.alarms.AlarmEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.InfluxDBIOException;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readings and alarm events in InfluxDB 1.x (or the 1.x API of InfluxDB 2 and 3), in the schema of {@link InfluxSchema}.
 *
 * <p>Each {@link #write} is one synchronous HTTP request carrying the whole batch; influxdb-java's background batching
 * is deliberately not used, because it drops points when a write fails and acknowledges nothing. Failures are told
 * apart: no connection, a timeout or a 5xx answer is {@link StoreUnavailableException} (retry the same batch); a 4xx
 * naming a partial write, a field type conflict, unparsable line protocol, points beyond the retention policy or an
 * oversized body is {@link StoreRejectedException} with InfluxDB's own words.
 *
 * <p><b>Partial writes.</b> InfluxDB checks a batch point by point: it stores the valid points, drops the invalid ones
 * and answers 400 {@code partial write: ... dropped=N}. The whole call then throws {@link StoreRejectedException}
 * although part of the batch is stored. That is safe because writes are idempotent: the caller may write the valid
 * points again (as {@link StorageWriter} does when it halves a rejected batch) and they stay single points.
 *
 * <p>Any other 4xx (authentication, a missing retention policy, a database dropped under our feet) is treated as
 * unavailable too: the batch is valid and must wait until an operator or a re-created database lets it in, not be
 * thrown away. The database is created when missing (before the first contact, and again if it disappears);
 * {@code CREATE DATABASE} is idempotent. A user without the admin right to create it is assumed to write into a
 * database that exists.
 */
public final class InfluxDbStore implements TimeSeriesStore {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_READ_WRITE_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(InfluxDbStore.class);
    private static final List<String> REJECTION_MARKS = List.of("partial write", "field type conflict",
            "unable to parse", "points beyond retention policy", "too large");

    private final String endpoint;
    private final String database;
    private final String retentionPolicy;
    private final InfluxDB client;
    private volatile boolean databaseReady;
    private volatile boolean reachable;

    public InfluxDbStore(InfluxDbConfig config) {
        this(config, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_WRITE_TIMEOUT);
    }

    public InfluxDbStore(InfluxDbConfig config, Duration connectTimeout, Duration readWriteTimeout) {
        Objects.requireNonNull(config, "config");
        this.endpoint = config.url().toString();
        this.database = config.database();
        this.retentionPolicy = config.retentionPolicy();
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readWriteTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(readWriteTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .addInterceptor(new ServerErrorInterceptor());
        this.client = config.username() == null || config.username().isBlank()
                ? InfluxDBFactory.connect(endpoint, http)
                : InfluxDBFactory.connect(endpoint, config.username(), config.password(), http);
        client.setLogLevel(InfluxDB.LogLevel.NONE);
    }

    /**
     * Makes sure the database exists. Optional: every write and query does it first when it has not succeeded yet, so
     * a gateway started while InfluxDB is down catches up once InfluxDB is back.
     */
    public void start() throws StoreUnavailableException {
        ensureDatabase();
    }

    @Override
    public String name() {
        return "influxdb";
    }

    @Override
    public void write(List<Reading> readings, List<AlarmEvent> events)
            throws StoreUnavailableException, StoreRejectedException {
        if (readings.isEmpty() && events.isEmpty()) {
            return;
        }
        BatchPoints batch = toBatch(readings, events);
        ensureDatabase();
        try {
            client.write(batch);
            reachable = true;
        } catch (InfluxDBException e) {
            if (isRejection(e)) {
                reachable = true;
                throw new StoreRejectedException(reason(e), e);
            }
            throw unavailable(e, batch.getPoints().size());
        }
    }

    @Override
    public List<HistoryPoint> history(Kind kind, String sensor, long fromMillis, long toMillis, Duration step)
            throws StoreUnavailableException {
        Objects.requireNonNull(kind, "kind");
        HistoryArgs.requireSensor(sensor);
        List<HistoryPoint> points = new ArrayList<>();
        if (fromMillis >= toMillis) {
            return points;
        }
        if (step == null) {
            for (List<Object> row : rows(query(InfluxQl.rawHistory(retentionPolicy, kind.id(), sensor, fromMillis,
                    toMillis)))) {
                if (row.get(1) instanceof Number value) {
                    points.add(HistoryPoint.raw(whole(row.get(0)), value.doubleValue()));
                }
            }
        } else {
            for (List<Object> row : rows(query(InfluxQl.aggregatedHistory(retentionPolicy, kind.id(), sensor,
                    fromMillis, toMillis, step)))) {
                points.add(new HistoryPoint(whole(row.get(0)), number(row.get(1)), number(row.get(2)),
                        number(row.get(3)), number(row.get(4)), whole(row.get(5))));
            }
        }
        return points;
    }

    @Override
    public List<AlarmEvent> alarmEvents(String sensor, long fromMillis, long toMillis)
            throws StoreUnavailableException {
        List<AlarmEvent> events = new ArrayList<>();
        if (fromMillis >= toMillis) {
            return events;
        }
        QueryResult result = query(InfluxQl.alarmEvents(retentionPolicy, sensor, fromMillis, toMillis));
        int unreadable = 0;
        for (QueryResult.Series series : series(result)) {
            List<List<Object>> rows = series.getValues() == null ? List.of() : series.getValues();
            for (List<Object> row : rows) {
                Optional<AlarmEvent> event = InfluxSchema.toEvent(series.getColumns(), row);
                event.ifPresent(events::add);
                unreadable += event.isEmpty() ? 1 : 0;
            }
        }
        if (unreadable > 0) {
            LOG.warn("InfluxDB {} database {}: skipped {} unreadable points of {}", endpoint, database, unreadable,
                    InfluxSchema.ALARM_EVENTS);
        }
        return events;
    }

    @Override
    public boolean isReachable() {
        return reachable;
    }

    @Override
    public void close() {
        client.close();
    }

    private BatchPoints toBatch(List<Reading> readings, List<AlarmEvent> events) throws StoreRejectedException {
        BatchPoints.Builder batch = BatchPoints.database(database).retentionPolicy(retentionPolicy)
                .precision(TimeUnit.MILLISECONDS);
        try {
            readings.forEach(reading -> batch.point(InfluxSchema.toPoint(reading)));
            events.forEach(event -> batch.point(InfluxSchema.toPoint(event)));
        } catch (RuntimeException unencodable) {
            throw new StoreRejectedException("cannot encode as line protocol: " + unencodable.getMessage(),
                    unencodable);
        }
        return batch.build();
    }

    private void ensureDatabase() throws StoreUnavailableException {
        if (databaseReady) {
            return;
        }
        synchronized (this) {
            if (databaseReady) {
                return;
            }
            String refusal;
            try {
                refusal = firstError(client.query(new Query(InfluxQl.createDatabase(database), null, true)));
            } catch (InfluxDBIOException e) {
                reachable = false;
                throw new StoreUnavailableException("InfluxDB " + endpoint + " unreachable: " + reason(e), e);
            } catch (InfluxDBException e) {
                refusal = reason(e);
            }
            reachable = true;
            if (refusal == null) {
                LOG.info("InfluxDB {} database {} ready", endpoint, database);
            } else {
                LOG.warn("InfluxDB {} refused to create database {} ({}); assuming it exists", endpoint, database,
                        refusal);
            }
            databaseReady = true;
        }
    }

    private StoreUnavailableException unavailable(InfluxDBException e, int points) {
        reachable = !(e instanceof InfluxDBIOException);
        if (reason(e).toLowerCase(Locale.ROOT).contains("database not found")) {
            databaseReady = false;
        }
        return new StoreUnavailableException("InfluxDB " + endpoint + " did not take a write of " + points
                + " points to database " + database + ": " + reason(e), e);
    }

    private static boolean isRejection(InfluxDBException e) {
        if (e instanceof InfluxDBIOException) {
            return false;
        }
        String reason = reason(e).toLowerCase(Locale.ROOT);
        return REJECTION_MARKS.stream().anyMatch(reason::contains);
    }

    private QueryResult query(String text) throws StoreUnavailableException {
        ensureDatabase();
        QueryResult result;
        try {
            result = client.query(new Query(text, database), TimeUnit.MILLISECONDS);
        } catch (InfluxDBException e) {
            reachable = !(e instanceof InfluxDBIOException);
            throw new StoreUnavailableException("InfluxDB " + endpoint + " query failed: " + reason(e), e);
        }
        reachable = true;
        String error = firstError(result);
        if (error != null) {
            if (error.contains("database not found")) {
                databaseReady = false;
            }
            throw new StoreUnavailableException("InfluxDB " + endpoint + " query failed: " + error, null);
        }
        return result;
    }

    private static String firstError(QueryResult result) {
        if (result.hasError()) {
            return result.getError();
        }
        if (result.getResults() != null) {
            for (QueryResult.Result statement : result.getResults()) {
                if (statement.hasError()) {
                    return statement.getError();
                }
            }
        }
        return null;
    }

    private static List<QueryResult.Series> series(QueryResult result) {
        List<QueryResult.Series> all = new ArrayList<>();
        if (result.getResults() != null) {
            for (QueryResult.Result statement : result.getResults()) {
                if (statement.getSeries() != null) {
                    all.addAll(statement.getSeries());
                }
            }
        }
        return all;
    }

    private static List<List<Object>> rows(QueryResult result) {
        List<List<Object>> rows = new ArrayList<>();
        for (QueryResult.Series series : series(result)) {
            if (series.getValues() != null) {
                rows.addAll(series.getValues());
            }
        }
        return rows;
    }

    private static long whole(Object cell) {
        return cell instanceof Number number ? number.longValue() : 0L;
    }

    private static double number(Object cell) {
        return cell instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    private static String reason(InfluxDBException e) {
        if (e instanceof InfluxDBIOException && e.getCause() != null) {
            Throwable cause = e.getCause();
            return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
