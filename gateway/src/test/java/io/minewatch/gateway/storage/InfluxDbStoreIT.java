package io.minewatch.gateway.storage;

import static io.minewatch.gateway.storage.Samples.T0;
import static io.minewatch.gateway.storage.Samples.ch4;
import static io.minewatch.gateway.storage.Samples.escalated;
import static io.minewatch.gateway.storage.Samples.raised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.minewatch.collectors.Quality;
import io.minewatch.collectors.Reading;
import io.minewatch.config.StorageConfig.InfluxDbConfig;
import io.minewatch.config.quantity.Kind;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the real InfluxDB 1.x at {@code MINEWATCH_IT_INFLUXDB}, each test in a database of its own. */
class InfluxDbStoreIT extends TimeSeriesStoreContract {

    private static String url;
    private static InfluxDB raw;

    private String database;

    @BeforeAll
    static void connect() {
        url = System.getenv("MINEWATCH_IT_INFLUXDB");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("MINEWATCH_IT_INFLUXDB is not set: export the URL of an InfluxDB 1.x, "
                    + "e.g. http://127.0.0.1:28086, or run scripts/test, which starts one");
        }
        raw = InfluxDBFactory.connect(url);
    }

    @AfterAll
    static void disconnect() {
        raw.close();
    }

    @BeforeEach
    void openStore() {
        database = "minewatch_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        store = new InfluxDbStore(config(url, database));
    }

    @AfterEach
    void dropDatabase() {
        store.close();
        raw.query(new Query("DROP DATABASE \"" + database + "\"", null, true));
    }

    private static InfluxDbConfig config(String url, String database) {
        return new InfluxDbConfig(URI.create(url), database, null, null, null, 0, null);
    }

    private QueryResult.Series onlySeries(String influxQl) {
        QueryResult result = raw.query(new Query(influxQl, database), TimeUnit.MILLISECONDS);
        assertThat(result.getError()).isNull();
        assertThat(result.getResults()).hasSize(1);
        assertThat(result.getResults().get(0).getError()).isNull();
        assertThat(result.getResults().get(0).getSeries()).as("series of %s", influxQl).hasSize(1);
        return result.getResults().get(0).getSeries().get(0);
    }

    private List<String> databases() {
        List<List<Object>> rows = raw.query(new Query("SHOW DATABASES", null)).getResults().get(0).getSeries()
                .get(0).getValues();
        return rows == null ? List.of() : rows.stream().map(row -> (String) row.get(0)).toList();
    }

    @Test
    void startCreatesTheDatabaseWhenMissing() throws Exception {
        assertThat(databases()).doesNotContain(database);

        ((InfluxDbStore) store).start();

        assertThat(databases()).contains(database);
        assertThat(store.isReachable()).isTrue();
    }

    @Test
    void aReadingLandsInItsKindsMeasurementWithTagsFieldsAndItsMillisecondTime() throws Exception {
        Reading methane = new Reading("CM01", "CM01-CH4-T1", Kind.CH4, 0.42, T0 + 123, Quality.UNCERTAIN, true,
                T0 + 200);
        Reading pond = Samples.reading(Kind.WATER_LEVEL, "TP01-WL-1", T0 + 7, 1234.5);

        store.write(List.of(methane, pond), List.of());

        QueryResult.Series ch4 = onlySeries("SELECT \"site\", \"sensor\", \"value\", \"quality\" FROM \"ch4\"");
        assertThat(ch4.getName()).isEqualTo("ch4");
        assertThat(ch4.getValues()).containsExactly(List.of((double) (T0 + 123), "CM01", "CM01-CH4-T1", 0.42,
                "uncertain"));
        assertThat(onlySeries("SHOW TAG KEYS FROM \"ch4\"").getValues())
                .containsExactlyInAnyOrder(List.of("sensor"), List.of("site"));
        assertThat(onlySeries("SHOW FIELD KEYS FROM \"ch4\"").getValues())
                .containsExactlyInAnyOrder(List.of("quality", "string"), List.of("value", "float"));
        assertThat(onlySeries("SELECT \"value\" FROM \"water_level\" WHERE \"sensor\" = 'TP01-WL-1'").getValues())
                .containsExactly(List.of((double) (T0 + 7), 1234.5));
    }

    @Test
    void anAlarmEventLandsInAlarmEventsAtItsReadingsTimeWithTheSchemasTagsAndFields() throws Exception {
        store.write(List.of(), List.of(escalated("e1", "CM01-CH4-T1", T0 + 9)));

        QueryResult.Series events = onlySeries("SELECT * FROM \"alarm_events\"");
        assertThat(events.getColumns()).containsExactlyInAnyOrder("time", "site", "sensor", "rule", "transition",
                "level", "id", "alarm_id", "kind", "level_name", "previous_level", "threshold", "value",
                "reading_time", "event_time", "registered");
        assertThat(events.getValues()).hasSize(1);
        List<Object> point = events.getValues().get(0);
        assertThat(point.get(events.getColumns().indexOf("time"))).isEqualTo((double) (T0 + 7));
        assertThat(point.get(events.getColumns().indexOf("event_time"))).isEqualTo((double) (T0 + 9));
        assertThat(onlySeries("SHOW TAG KEYS FROM \"alarm_events\"").getValues()).extracting(row -> row.get(0))
                .containsExactlyInAnyOrder("site", "sensor", "rule", "transition", "level");
        assertThat(onlySeries("SHOW FIELD KEYS FROM \"alarm_events\"").getValues()).containsExactlyInAnyOrder(
                List.of("id", "string"), List.of("alarm_id", "string"), List.of("kind", "string"),
                List.of("level_name", "string"), List.of("previous_level", "string"), List.of("threshold", "float"),
                List.of("value", "float"), List.of("reading_time", "integer"), List.of("event_time", "integer"),
                List.of("registered", "boolean"));
        assertThat(onlySeries("SELECT \"previous_level\", \"registered\" FROM \"alarm_events\" "
                + "WHERE \"transition\" = 'escalated' AND \"level\" = 'red'").getValues())
                .containsExactly(List.of((double) (T0 + 7), "orange", false));
    }

    @Test
    void anAlarmEventWrittenWithTheFirstSchemaReadsBackWithItsEventTime() throws Exception {
        ((InfluxDbStore) store).start();
        // Schema version 1: stamped with the event time, no event_time field.
        raw.write(database, "autogen", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS,
                "alarm_events,site=CM01,sensor=S1,rule=ch4_limit,transition=raised,level=orange id=\"e1\","
                        + "alarm_id=\"alarm-e1\",kind=\"ch4\",level_name=\"alarm\",previous_level=\"\","
                        + "threshold=1.0,value=1.12,reading_time=" + (T0 - 3) + "i,registered=true " + T0);

        assertThat(store.alarmEvents("S1", T0, T0 + 1)).containsExactly(raised("e1", "S1", T0));
    }

    @Test
    void writingTheSameBatchTwiceLeavesOnePointEach() throws Exception {
        List<Reading> batch = List.of(ch4("S1", T0, 0.42), ch4("S1", T0 + 1, 0.43));

        store.write(batch, List.of(raised("e1", "S1", T0)));
        store.write(batch, List.of(raised("e1", "S1", T0)));

        assertThat(onlySeries("SELECT count(\"value\") FROM \"ch4\"").getValues().get(0).get(1)).isEqualTo(2.0);
        assertThat(onlySeries("SELECT count(\"id\") FROM \"alarm_events\"").getValues().get(0).get(1))
                .isEqualTo(1.0);
    }

    @Test
    void aFieldTypeConflictIsRejectedWithInfluxDbsReasonAndTheValidPointsAreKept() throws Exception {
        ((InfluxDbStore) store).start();
        raw.write(database, "autogen", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS,
                "ch4,site=CM01,sensor=S0 value=\"not a number\" " + T0);
        Reading pond = Samples.reading(Kind.WATER_LEVEL, "TP01-WL-1", T0, 12.5);

        assertThatThrownBy(() -> store.write(List.of(ch4("S1", T0 + 1, 0.42), pond), List.of()))
                .isInstanceOf(StoreRejectedException.class)
                .hasMessageContaining("partial write")
                .hasMessageContaining("field type conflict")
                .hasMessageContaining("dropped=1");
        // InfluxDB stores the valid points of a partially written batch.
        assertThat(store.history(Kind.WATER_LEVEL, "TP01-WL-1", T0, T0 + 1, null))
                .containsExactly(HistoryPoint.raw(T0, 12.5));
        assertThat(store.isReachable()).isTrue();
    }

    @Test
    void aDatabaseDroppedUnderTheStoreIsUnavailableOnceThenCreatedAgain() throws Exception {
        store.write(List.of(ch4("S1", T0, 0.1)), List.of());
        raw.query(new Query("DROP DATABASE \"" + database + "\"", null, true));

        assertThatThrownBy(() -> store.write(List.of(ch4("S1", T0 + 1, 0.2)), List.of()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("database not found");
        store.write(List.of(ch4("S1", T0 + 1, 0.2)), List.of());

        assertThat(store.history(Kind.CH4, "S1", T0, T0 + 10, null)).containsExactly(HistoryPoint.raw(T0 + 1, 0.2));
    }

    @Test
    void aServerThatIsNotListeningIsUnavailableQuickly() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (InfluxDbStore nowhere = new InfluxDbStore(config("http://127.0.0.1:" + closedPort, database))) {
            assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
                assertThatThrownBy(() -> nowhere.write(List.of(ch4("S1", T0, 0.1)), List.of()))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessageContaining("127.0.0.1:" + closedPort);
                assertThatThrownBy(() -> nowhere.history(Kind.CH4, "S1", T0, T0 + 1, null))
                        .isInstanceOf(StoreUnavailableException.class);
            });
            assertThat(nowhere.isReachable()).isFalse();
        }
    }
}
