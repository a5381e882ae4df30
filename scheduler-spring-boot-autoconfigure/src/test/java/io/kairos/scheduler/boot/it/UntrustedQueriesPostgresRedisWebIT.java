package io.kairos.scheduler.boot.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.boot.JobScheduler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator's run and job lists over real HTTP against the real PostgreSQL (store {@code default}) and Redis
 * (store {@code cache}) servers, with the values a new-user trial sent: instants the stores cannot keep as epoch
 * milliseconds ({@code ArithmeticException: long overflow} in the JDBC and Redis histories, a 500) and a NUL in a
 * cursor or {@code after} (PostgreSQL's {@code invalid byte sequence for encoding "UTF8": 0x00}, a 500; Redis took
 * it). Each is now a 400 naming the parameter, whichever store it would reach.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=scheduler", "management.endpoint.scheduler.access=unrestricted",
                "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test", "spring.datasource.username=postgres",
                "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=6379", "kairos.jobstores.default.type=jdbc",
                "kairos.jobstores.default.initialize-schema=always", "kairos.jobstores.cache.type=redis" })
class UntrustedQueriesPostgresRedisWebIT {

    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private static final String TABLE = "kairos_webit_" + SUFFIX;

    private static final String PREFIX = "kairos-webit-" + SUFFIX + ".";

    private static final String RANGE = " is out of range; valid: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z (years 1 to 9999)";

    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private JobScheduler scheduler;

    @DynamicPropertySource
    static void names(DynamicPropertyRegistry registry) {
        registry.add("kairos.jobstores.default.table-name", () -> TABLE);
        registry.add("kairos.jobstores.cache.key-prefix", () -> PREFIX);
    }

    @Test
    void extremeInstantsAreRefusedBeforeEitherStore() throws Exception {
        String pg = jobIn("default");
        String redis = jobIn("cache");
        try {
            assertProblem("/actuator/scheduler/runs?since=%2B999999999-12-31T23:59:59Z", "since",
                    "'since': value '+999999999-12-31T23:59:59Z'" + RANGE);
            assertProblem("/actuator/scheduler/runs?until=%2B999999999-12-31T23:59:59Z", "until",
                    "'until': value '+999999999-12-31T23:59:59Z'" + RANGE);
            for (String id : List.of(pg, redis)) {
                assertProblem("/actuator/scheduler/" + id + "/runs?since=-999999999-01-01T00:00:00Z", "since",
                        "'since': value '-999999999-01-01T00:00:00Z'" + RANGE);
                assertThat(get("/actuator/scheduler/" + id + "/runs?since=0001-01-01T00:00:00Z&until=9999-12-31T23:59:59.999Z")
                    .statusCode()).isEqualTo(200);
            }
            assertThat(get("/actuator/scheduler/runs?since=0001-01-01T00:00:00Z").statusCode()).isEqualTo(200);
        }
        finally {
            this.scheduler.removeJob(pg);
            this.scheduler.removeJob(redis);
        }
    }

    @Test
    void aNulInACursorOrAfterIsRefusedBeforeEitherStore() throws Exception {
        String pg = jobIn("default");
        String redis = jobIn("cache");
        try {
            String after = "'after': page token '5~a\\u0000b' holds a NUL character (U+0000) in its run id; no run id holds one;"
                    + " pass the 'next' value of the previous answer";
            assertProblem("/actuator/scheduler/runs?after=5~a%00b", "after", after);
            assertProblem("/actuator/scheduler/" + pg + "/runs?after=5~a%00b", "after", after);
            assertProblem("/actuator/scheduler/" + redis + "/runs?after=5~a%00b", "after", after);
            // k1.<'default'>.<"a\0b"> and k1.<'cache'>.<"a\0b">
            for (String cursor : List.of("k1.ZGVmYXVsdA.YQBi", "k1.Y2FjaGU.YQBi")) {
                assertProblem("/actuator/scheduler?cursor=" + cursor, "cursor", "'cursor': cursor '" + cursor + "' is not a cursor of"
                        + " this listing: its position holds a NUL character (U+0000), which no job id or store alias may hold;"
                        + " pass the 'next' of the previous page, or no cursor for the first page");
            }
            // other control characters still reach the stores, and PostgreSQL takes them
            assertThat(get("/actuator/scheduler/runs?after=5~a%01b").statusCode()).isEqualTo(200);
            assertThat(get("/actuator/scheduler?cursor=k1.ZGVmYXVsdA.YQFi").statusCode()).isEqualTo(200);
        }
        finally {
            this.scheduler.removeJob(pg);
            this.scheduler.removeJob(redis);
        }
    }

    private String jobIn(String store) {
        String id = "webit-" + store + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.scheduler.addJob(JobRequest.of("noop.run").id(id).jobstore(store).trigger(Map.of("type", "interval", "hours", 3)));
        return id;
    }

    private void assertProblem(String path, String field, String detail) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
        JsonNode problem = JsonMapper.shared().readTree(response.body());
        assertThat(problem.get("detail").asString()).as(path).isEqualTo(detail);
        assertThat(problem.get("detail").asString()).as(path).contains("'" + field + "'");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @AfterAll
    static void dropTablesAndKeys() {
        try (RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
                StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = connection.sync().keys(PREFIX + "*");
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        }
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""));
        for (String table : jdbc.queryForList("select tablename from pg_tables where tablename like ?", String.class, TABLE + "%")) {
            jdbc.execute("drop table if exists " + table + " cascade");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @org.springframework.context.annotation.Bean
        Noop noop() {
            return new Noop();
        }
    }

    static class Noop {

        public void run() {
        }
    }
}
