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
    void oneJobOr404WithTheReasonInTheBody() throws Exception {
        HttpResponse<String> found = send("GET", "/actuator/scheduler/reports.refresh", null);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(json(found).get("id").asString()).isEqualTo("reports.refresh");
        assertProblem(send("GET", "/actuator/scheduler/nope", null), 404, "no job with id 'nope' in any job store");
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
                reschedule("{\"type\":\"interval\",\"minutes\":5}"));
        assertThat(rescheduled.statusCode()).as(rescheduled.body()).isEqualTo(200);
        assertThat(json(rescheduled).get("triggerSpec").get("minutes").asInt()).isEqualTo(5);

        assertProblem(send("POST", "/actuator/scheduler/ops-1", "{\"action\":\"explode\"}"), 400,
                "action 'explode' is not a job action; valid: pause, resume, run, reschedule");
        assertProblem(send("POST", "/actuator/scheduler/ops-1", "{}"), 400,
                "'action' is missing; valid: pause, resume, run, reschedule");
        assertProblem(send("POST", "/actuator/scheduler/nope", "{\"action\":\"pause\"}"), 404,
                "no job with id 'nope' in any job store");

        assertThat(send("DELETE", "/actuator/scheduler/ops-1", null).statusCode()).isEqualTo(204);
        assertThat(this.scheduler.getJob("ops-1")).isEmpty();
        assertProblem(send("DELETE", "/actuator/scheduler/ops-1", null), 404, "no job with id 'ops-1' in any job store");
    }

    @Test
    void rescheduleTakesTheTriggerSpecAsJsonTextAndRejectsUnknownKeysAsTheSpecParserDoes() throws Exception {
        this.scheduler.addJob(io.kairos.scheduler.JobRequest.of("reports.refresh").id("ops-cron")
            .trigger(Map.of("type", "interval", "hours", 2)));
        String before = this.scheduler.getJob("ops-cron").orElseThrow().trigger().toString();

        HttpResponse<String> misspelled = send("POST", "/actuator/scheduler/ops-cron",
                reschedule("{\"type\":\"cron\",\"hourz\":\"3\"}"));
        assertThat(misspelled.statusCode()).isEqualTo(400);
        assertThat(json(misspelled).get("detail").asString()).startsWith("invalid trigger spec: ").contains("'hourz'");
        assertThat(this.scheduler.getJob("ops-cron").orElseThrow().trigger().toString()).isEqualTo(before);

        HttpResponse<String> snake = send("POST", "/actuator/scheduler/ops-cron",
                reschedule("{\"type\":\"cron\",\"day_of_week\":\"mon-fri\",\"hour\":3}"));
        assertThat(snake.statusCode()).as(snake.body()).isEqualTo(200);
        assertThat(json(snake).get("triggerSpec").get("day_of_week").asString()).isEqualTo("mon-fri");
        assertThat(json(snake).get("triggerSpec").get("hour").asString()).isEqualTo("3");

        String example = "{\"action\": \"reschedule\", \"trigger\": \"{\\\"type\\\": \\\"cron\\\", \\\"hour\\\": \\\"3\\\"}\"}";
        // a spec's keys given flat in the body: the unknown key is named, with where the spec goes
        assertProblem(send("POST", "/actuator/scheduler/ops-cron", "{\"action\":\"reschedule\",\"type\":\"cron\",\"hour\":\"4\"}"),
                400, "unknown body key 'type'; valid: action, trigger; a reschedule takes the trigger spec under 'trigger',"
                        + " as the text of a JSON object, e.g. " + example);
        assertProblem(send("POST", "/actuator/scheduler/ops-cron", "{\"action\":\"reschedule\"}"),
                400, "action 'reschedule' needs the new trigger spec under 'trigger', as the text of a JSON object, e.g. "
                        + example);
        assertProblem(send("POST", "/actuator/scheduler/ops-cron", reschedule("[\"cron\"]")),
                400, "'trigger' must be a JSON object (a trigger spec), e.g. " + example + "; got '[\"cron\"]'");
        HttpResponse<String> duplicate = send("POST", "/actuator/scheduler/ops-cron",
                reschedule("{\"type\":\"cron\",\"hour\":\"4\",\"hour\":\"5\"}"));
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(json(duplicate).get("detail").asString()).startsWith("'trigger' is not a JSON object: ").contains("hour");
        assertProblem(send("POST", "/actuator/scheduler/ops-cron", reschedule("x".repeat(20_000))), 400,
                "'trigger' is 20000 characters long; at most 16384");
        assertProblem(send("POST", "/actuator/scheduler/ops-cron", "{\"action\":\"pause\",\"trigger\":\"{}\"}"),
                400, "'trigger' is only taken by action 'reschedule', not by 'pause'");
        assertThat(this.scheduler.getJob("ops-cron").orElseThrow().trigger().toSpec()).containsEntry("hour", "3");
        this.scheduler.removeJob("ops-cron");
    }

    @Test
    void runSetsTheNextRunTimeToNow() throws Exception {
        this.scheduler.pause();
        try {
            this.scheduler.addJob(io.kairos.scheduler.JobRequest.of("reports.refresh").id("ops-run")
                .trigger(Map.of("type", "interval", "hours", 5)));
            java.time.Instant before = java.time.Instant.now();
            HttpResponse<String> run = send("POST", "/actuator/scheduler/ops-run", "{\"action\":\"run\"}");
            java.time.Instant after = java.time.Instant.now();
            assertThat(run.statusCode()).isEqualTo(200);
            JsonNode nextRunTime = json(run).get("nextRunTime");
            assertThat(nextRunTime.isString()).as("nextRunTime of %s", run.body()).isTrue();
            assertThat(java.time.OffsetDateTime.parse(nextRunTime.asString()).toInstant())
                .isBetween(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), after);
        }
        finally {
            this.scheduler.removeJob("ops-run");
            this.scheduler.resume();
        }
    }

    @Test
    void aBadSchedulerActionIsA400WithTheReasonInTheBody() throws Exception {
        assertProblem(send("POST", "/actuator/scheduler", "{\"action\":\"" + "x".repeat(5000) + "\"}"), 400,
                "action '" + "x".repeat(64) + "…' (5000 characters) is not a scheduler action; valid: pause, resume");
    }

    @Test
    void anUnknownBodyKeyIsA400NamingItAndTheValidKeysAndNothingIsDone() throws Exception {
        this.scheduler.addJob(io.kairos.scheduler.JobRequest.of("reports.refresh").id("keys-1")
            .trigger(Map.of("type", "interval", "hours", 2)));
        try {
            assertProblem(send("POST", "/actuator/scheduler/keys-1", "{\"action\":\"pause\",\"extra\":1}"), 400,
                    "unknown body key 'extra'; valid: action, trigger; a reschedule takes the trigger spec under 'trigger', as the"
                    + " text of a JSON object, e.g. {\"action\": \"reschedule\", \"trigger\": \"{\\\"type\\\": \\\"cron\\\","
                    + " \\\"hour\\\": \\\"3\\\"}\"}");
            assertProblem(send("POST", "/actuator/scheduler/keys-1", "{\"action\":\"pause\",\"Trigger\":\"{}\"}"), 400,
                    "unknown body key 'Trigger'; valid: action, trigger; a reschedule takes the trigger spec under 'trigger', as the"
                    + " text of a JSON object, e.g. {\"action\": \"reschedule\", \"trigger\": \"{\\\"type\\\": \\\"cron\\\","
                    + " \\\"hour\\\": \\\"3\\\"}\"}");
            assertThat(this.scheduler.getJob("keys-1").orElseThrow().nextRunTime()).isPresent();
            assertProblem(send("POST", "/actuator/scheduler", "{\"action\":\"pause\",\"extra\":1}"), 400,
                    "unknown body key 'extra'; valid: action");
            assertThat(this.scheduler.state().name()).isEqualTo("RUNNING");
            assertProblem(send("DELETE", "/actuator/scheduler/keys-1?force=true", null), 400,
                    "unknown parameter 'force'; valid: none (this call takes no query parameter)");
            assertThat(this.scheduler.getJob("keys-1")).isPresent();
            assertThat(send("POST", "/actuator/scheduler/keys-1", "{\"action\":\"pause\"}").statusCode()).isEqualTo(200);
        }
        finally {
            this.scheduler.removeJob("keys-1");
        }
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

    private static String reschedule(String triggerSpecJson) {
        return JsonMapper.shared().writeValueAsString(Map.of("action", "reschedule", "trigger", triggerSpecJson));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isEqualTo(detail);
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
