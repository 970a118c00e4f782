package io.minewatch.gateway.fault;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/** What the gateway stored in the test's InfluxDB, read back directly (not through the gateway). */
final class StoredReadings implements AutoCloseable {

    /** One point of {@code alarm_events}, by the reading that caused it. */
    record StoredTransition(long readingTimeMillis, String transition, String level) {
    }

    private final InfluxDB influx;
    private final String database;

    StoredReadings(String url, String database) {
        this.influx = InfluxDBFactory.connect(url);
        this.database = database;
    }

    /** Points of measurement {@code ch4} of the site; 0 while the database or measurement does not exist. */
    long count(String site) {
        List<List<Object>> rows = rows("SELECT count(value) FROM ch4 WHERE site = '" + site + "'");
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(1)).longValue();
    }

    /** Every stored ch4 reading of the site: sensor → (time → value). */
    Map<String, Map<Long, Double>> readings(String site) {
        QueryResult result = query("SELECT value FROM ch4 WHERE site = '" + site + "' GROUP BY sensor");
        Map<String, Map<Long, Double>> bySensor = new TreeMap<>();
        for (QueryResult.Series series : series(result)) {
            Map<Long, Double> points = bySensor.computeIfAbsent(series.getTags().get("sensor"), s -> new HashMap<>());
            for (List<Object> row : series.getValues()) {
                Long time = ((Number) row.get(0)).longValue();
                if (points.put(time, ((Number) row.get(1)).doubleValue()) != null) {
                    throw new IllegalStateException("InfluxDB returned two points at " + time + " for one series");
                }
            }
        }
        return bySensor;
    }

    /** The alarm transitions stored for a sensor. */
    List<StoredTransition> transitions(String sensor) {
        List<StoredTransition> transitions = new ArrayList<>();
        for (List<Object> row : rows("SELECT reading_time, \"transition\", \"level\" FROM alarm_events WHERE sensor = '"
                + sensor + "'")) {
            transitions.add(new StoredTransition(((Number) row.get(1)).longValue(), (String) row.get(2),
                    (String) row.get(3)));
        }
        return transitions;
    }

    private List<List<Object>> rows(String query) {
        List<List<Object>> rows = new ArrayList<>();
        for (QueryResult.Series series : series(query(query))) {
            rows.addAll(series.getValues());
        }
        return rows;
    }

    private QueryResult query(String query) {
        QueryResult result = influx.query(new Query(query, database), TimeUnit.MILLISECONDS);
        if (result.hasError()) {
            throw new IllegalStateException("InfluxDB refused " + query + ": " + result.getError());
        }
        return result;
    }

    private static List<QueryResult.Series> series(QueryResult result) {
        if (result.getResults() == null || result.getResults().isEmpty()) {
            return List.of();
        }
        QueryResult.Result first = result.getResults().get(0);
        if (first.hasError()) {
            if (first.getError().contains("database not found")) {
                return List.of();
            }
            throw new IllegalStateException("InfluxDB query failed: " + first.getError());
        }
        return first.getSeries() == null ? List.of() : first.getSeries();
    }

    @Override
    public void close() {
        influx.close();
    }
}
