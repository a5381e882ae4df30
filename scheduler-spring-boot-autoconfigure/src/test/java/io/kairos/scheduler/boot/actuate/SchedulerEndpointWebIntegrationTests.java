package io.kairos.scheduler.boot.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.boot.annotation.ScheduledJob;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code scheduler} endpoint over real HTTP (Tomcat, Spring MVC, a random port).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=scheduler,health",
                "management.endpoint.scheduler.access=unrestricted", "management.endpoint.health.show-details=always" })
class SchedulerEndpointWebIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private JobScheduler scheduler;

    @Test
    void listsTheSchedulerAndItsJobs() throws Exception {
        HttpResponse<String> response = send("GET", "/actuator/scheduler", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("state").asString()).isEqualTo("RUNNING");
        assertThat(body.get("jobstores").get("default").get("type").asString()).isEqualTo("MemoryJobStore");
        assertThat(body.get("executors").has("default")).isTrue();
        JsonNode job = find(body, "reports.refresh");
        assertThat(job.get("name").asString()).isEqualTo("@reports.refresh");
        assertThat(job.get("task").asString()).isEqualTo("reports.refresh");
        assertThat(job.get("declared").asBoolean()).isTrue();
        assertThat(job.get("triggerSpec").get("type").asString()).isEqualTo("interval");
        assertThat(job.get("trigger").asString()).startsWith("interval[");
        assertThat(job.get("nextRunTime").isNull()).isFalse();
        assertThat(job.get("state").asString()).isEqualTo("SCHEDULED");
    }

    @Test
    void oneJobOr404() throws Exception {
        HttpResponse<String> found = send("GET", "/actuator/scheduler/reports.refresh", null);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(json(found).get("id").asString()).isEqualTo("reports.refresh");
        assertThat(send("GET", "/actuator/scheduler/nope", null).statusCode()).isEqualTo(404);
    }

    @Test
    void pausesResumesReschedulesRunsAndRemovesAJob() throws Exception {
        this.scheduler.addJob(io.kairos.scheduler.JobRequest.of("reports.refresh").id("ops-1")
            .trigger(Map.of("type", "interval", "hours", 2)));
        HttpResponse<String> paused = send("POST", "/actuator/scheduler/ops-1", "{\"action\":\"pause\"}");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(json(paused).get("state").asString()).isEqualTo("PAUSED");
        assertThat(this.scheduler.getJob("ops-1").orElseThrow().nextRunTime()).isEmpty();

        HttpResponse<String> resumed = send("POST", "/actuator/scheduler/ops-1", "{\"action\":\"resume\"}");
        assertThat(json(resumed).get("state").asString()).isEqualTo("SCHEDULED");

        HttpResponse<String> rescheduled = send("POST", "/actuator/scheduler/ops-1",
                "{\"action\":\"reschedule\",\"type\":\"interval\",\"minutes\":\"5\"}");
        assertThat(rescheduled.statusCode()).as(rescheduled.body()).isEqualTo(200);
        assertThat(json(rescheduled).get("triggerSpec").get("minutes").asInt()).isEqualTo(5);

        HttpResponse<String> badSpec = send("POST", "/actuator/scheduler/ops-1",
                "{\"action\":\"reschedule\",\"type\":\"interval\",\"startDate\":\"not a date\",\"hours\":\"1\"}");
        assertThat(badSpec.statusCode()).isEqualTo(400);

        HttpResponse<String> badAction = send("POST", "/actuator/scheduler/ops-1", "{\"action\":\"explode\"}");
        assertThat(badAction.statusCode()).isEqualTo(400);

        assertThat(send("POST", "/actuator/scheduler/nope", "{\"action\":\"pause\"}").statusCode()).isEqualTo(404);

        assertThat(send("DELETE", "/actuator/scheduler/ops-1", null).statusCode()).isEqualTo(204);
        assertThat(this.scheduler.getJob("ops-1")).isEmpty();
        assertThat(send("DELETE", "/actuator/scheduler/ops-1", null).statusCode()).isEqualTo(404);
    }

    @Test
    void runSetsTheNextRunTimeToNow() throws Exception {
        this.scheduler.addJob(io.kairos.scheduler.JobRequest.of("reports.refresh").id("ops-run")
            .trigger(Map.of("type", "interval", "hours", 5)));
        java.time.Instant before = java.time.Instant.now();
        HttpResponse<String> run = send("POST", "/actuator/scheduler/ops-run", "{\"action\":\"run\"}");
        assertThat(run.statusCode()).isEqualTo(200);
        JsonNode job = json(run);
        if (!job.get("nextRunTime").isNull()) {
            assertThat(java.time.OffsetDateTime.parse(job.get("nextRunTime").asString()).toInstant())
                .isBefore(before.plusSeconds(3600));
        }
        this.scheduler.removeJob("ops-run");
    }

    @Test
    void pausesAndResumesTheWholeScheduler() throws Exception {
        HttpResponse<String> paused = send("POST", "/actuator/scheduler", "{\"action\":\"pause\"}");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(json(paused).get("state").asString()).isEqualTo("PAUSED");
        HttpResponse<String> resumed = send("POST", "/actuator/scheduler", "{\"action\":\"resume\"}");
        assertThat(json(resumed).get("state").asString()).isEqualTo("RUNNING");
    }

    @Test
    void healthShowsTheScheduler() throws Exception {
        HttpResponse<String> response = send("GET", "/actuator/health", null);
        JsonNode scheduler = json(response).get("components").get("scheduler");
        assertThat(scheduler.get("status").asString()).isEqualTo("UP");
        assertThat(scheduler.get("details").get("jobstores").get("default").asString()).isEqualTo("UP");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    private static JsonNode find(JsonNode body, String id) {
        for (JsonNode job : body.get("jobs")) {
            if (job.get("id").asString().equals(id)) {
                return job;
            }
        }
        throw new AssertionError("no job " + id + " in " + body);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Reports reports() {
            return new Reports();
        }
    }

    static class Reports {

        @ScheduledJob(interval = "1h")
        public void refresh() {
        }
    }
}
