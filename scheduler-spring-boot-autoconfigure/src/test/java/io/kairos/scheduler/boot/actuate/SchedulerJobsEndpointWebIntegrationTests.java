package io.kairos.scheduler.boot.actuate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.annotation.KairosTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job list of {@code GET /actuator/scheduler} over real HTTP: {@code ?limit=} (default 100, at most 1,000) and
 * {@code ?cursor=}, the {@code next} cursor of each answer, and a 400 naming the parameter for every bad value.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=scheduler", "kairos.jobstores.second.type=memory" })
class SchedulerJobsEndpointWebIntegrationTests {

    private static final int JOBS = 130;

    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private JobScheduler scheduler;

    @BeforeEach
    void addJobs() {
        for (int i = 0; i < JOBS; i++) {
            this.scheduler.addJob(JobRequest.of("noop").id(String.format("page-%03d", i)).jobstore(i % 3 == 0 ? "second" : "default")
                .trigger(Map.of("type", "interval", "hours", 1)));
        }
    }

    @AfterEach
    void removeJobs() {
        this.scheduler.engine().removeAllJobs();
    }

    @Test
    void theFirstPageHoldsAHundredJobsAndTheCursorOfTheNext() throws Exception {
        JsonNode body = json(get("/actuator/scheduler"));
        assertThat(body.get("jobs")).hasSize(100);
        assertThat(body.get("next").isString()).isTrue();
        assertThat(body.get("state").asString()).isEqualTo("RUNNING");
        assertThat(body.get("jobstores").has("second")).isTrue();
        JsonNode all = json(get("/actuator/scheduler?limit=1000"));
        assertThat(all.get("jobs")).hasSize(JOBS);
        assertThat(all.get("next").isNull()).isTrue();
    }

    @Test
    void cursorsLeadThroughEveryJobOnceStoreAfterStore() throws Exception {
        List<String> seen = new ArrayList<>();
        String path = "/actuator/scheduler?limit=7";
        int pages = 0;
        while (true) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.get("jobs").size()).isLessThanOrEqualTo(7);
            body.get("jobs").forEach((job) -> seen.add(job.get("jobstore").asString() + "/" + job.get("id").asString()));
            pages++;
            if (body.get("next").isNull()) {
                break;
            }
            path = "/actuator/scheduler?limit=7&cursor=" + URLEncoder.encode(body.get("next").asString(), StandardCharsets.UTF_8);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            if (i % 3 != 0) {
                expected.add(String.format("default/page-%03d", i));
            }
        }
        for (int i = 0; i < JOBS; i += 3) {
            expected.add(String.format("second/page-%03d", i));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((JOBS + 6) / 7);
    }

    @Test
    void badLimitsAndCursorsAre400sNamingTheParameterAndWhatIsValid() throws Exception {
        String limits = " is not a whole number from 1 to 1000 (default 100)";
        assertProblem(get("/actuator/scheduler?limit=0"), "'limit': value '0'" + limits);
        assertProblem(get("/actuator/scheduler?limit=1001"), "'limit': value '1001'" + limits);
        assertProblem(get("/actuator/scheduler?limit=ten"), "'limit': value 'ten'" + limits);
        assertProblem(get("/actuator/scheduler?limit=-5"), "'limit': value '-5'" + limits);
        assertProblem(get("/actuator/scheduler?cursor=garbage"), "'cursor': cursor 'garbage' is not a cursor of this listing: not of the"
                + " form k1.<store>.<position>; pass the 'next' of the previous page, or no cursor for the first page");
        assertProblem(get("/actuator/scheduler?cursor=k1.bm9wZQ."), "'cursor': cursor 'k1.bm9wZQ.' is not a cursor of this listing: it"
                + " names job store 'nope', which this scheduler does not have; pass the 'next' of the previous page, or no cursor"
                + " for the first page");
        assertProblem(get("/actuator/scheduler?cursor=k1.%21%21.x"), "'cursor': cursor 'k1.!!.x' is not a cursor of this listing: not"
                + " base64url text of UTF-8; pass the 'next' of the previous page, or no cursor for the first page");
        assertProblem(get("/actuator/scheduler?cursor=" + "k".repeat(2049)),
                "'cursor' is 2049 characters long; at most 2048; pass the 'next' value of the previous answer");

        // 'default' and "a<NUL>b" in base64url: PostgreSQL answered 500 (a text cannot hold NUL)
        assertProblem(get("/actuator/scheduler?cursor=k1.ZGVmYXVsdA.YQBi"), "'cursor': cursor 'k1.ZGVmYXVsdA.YQBi' is not a cursor of"
                + " this listing: its position holds a NUL character (U+0000), which no job id or store alias may hold; pass the"
                + " 'next' of the previous page, or no cursor for the first page");
    }

    private void assertProblem(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).isEqualTo(detail);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Tasks tasks() {
            return new Tasks();
        }
    }

    static class Tasks {

        @KairosTask("noop")
        public void noop() {
        }
    }
}
