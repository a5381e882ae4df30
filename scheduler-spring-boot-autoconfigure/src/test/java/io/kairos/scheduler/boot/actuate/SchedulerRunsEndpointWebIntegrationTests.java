package io.kairos.scheduler.boot.actuate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;
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
import static org.awaitility.Awaitility.await;

/**
 * The run lists of the {@code scheduler} endpoint over real HTTP: {@code /{id}/runs}, {@code /runs}, every query
 * parameter and every 400, the job whose id is {@code runs}, and {@code lastRun} in job views. Records are written
 * into the memory store's real run history, each test under job ids and a time window of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=scheduler",
                "management.endpoint.scheduler.access=unrestricted" })
class SchedulerRunsEndpointWebIntegrationTests {

    /**
     * The trigger of the jobs the tests add: one that does not fire while they run, so the only runs are the records
     * they write (an interval without a start date would run at once).
     */
    private static final Map<String, Object> IDLE = Map.of("type", "interval", "hours", 3, "start_date", "2100-01-01T00:00:00Z");

    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private JobScheduler scheduler;

    private String job;

    private Instant base;

    private int sequence;

    @BeforeEach
    void window() {
        this.job = "h-" + UUID.randomUUID().toString().substring(0, 8);
        this.base = Instant.parse("2030-01-01T00:00:00Z").plus(Duration.ofHours(ThreadLocalRandom.current().nextInt(1, 1_000_000)));
    }

    @Test
    void jobRunsAreNewestFirstWithEveryFieldAndADefaultLimitOf20() throws Exception {
        List<RunRecord> written = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            written.add(run(this.job, i, i % 5 == 0 ? RunOutcome.FAILED : RunOutcome.SUCCEEDED));
        }
        record(written);
        JsonNode body = ok("/actuator/scheduler/" + this.job + "/runs");
        assertThat(body.get("runs")).hasSize(20);
        assertThat(body.get("runs").get(0).get("runId").asString()).isEqualTo(written.get(24).runId());
        assertThat(body.get("next").asString()).isEqualTo(written.get(5).cursor().toToken());
        JsonNode failed = ok("/actuator/scheduler/" + this.job + "/runs?limit=1&outcome=FAILED").get("runs").get(0);
        RunRecord expected = written.get(20);
        assertThat(failed.get("runId").asString()).isEqualTo(expected.runId());
        assertThat(failed.get("jobId").asString()).isEqualTo(this.job);
        assertThat(failed.get("jobName").asString()).isEqualTo("name");
        assertThat(failed.get("task").asString()).isEqualTo("reports.refresh");
        assertThat(failed.get("jobstore").asString()).isEqualTo("default");
        assertThat(failed.get("executor").asString()).isEqualTo("default");
        assertThat(failed.get("scheduledAt").asString()).isEqualTo(expected.scheduledAt().toString());
        assertThat(failed.get("submittedAt").asString()).isEqualTo(expected.submittedAt().toString());
        assertThat(failed.get("startedAt").asString()).isEqualTo(expected.startedAt().toString());
        assertThat(failed.get("finishedAt").asString()).isEqualTo(expected.finishedAt().toString());
        assertThat(failed.get("durationMs").asLong()).isEqualTo(500);
        assertThat(failed.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(failed.get("attempt").asInt()).isEqualTo(2);
        assertThat(failed.get("instance").asString()).isEqualTo("node-1");
        assertThat(failed.get("error").get("type").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.get("error").get("message").asString()).isEqualTo("payment service down");
        assertThat(failed.get("error").get("stackTrace").asString()).startsWith("java.lang.IllegalStateException");
        assertThat(failed.get("result").isNull()).isTrue();
        JsonNode succeeded = ok("/actuator/scheduler/" + this.job + "/runs?limit=1").get("runs").get(0);
        assertThat(succeeded.get("result").asString()).isEqualTo("{\"paid\":3}");
        assertThat(succeeded.get("error").isNull()).isTrue();
    }

    @Test
    void limitTakes1To500AndPagesFollowTheNextToken() throws Exception {
        List<RunRecord> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(run(this.job, i, RunOutcome.SUCCEEDED));
        }
        record(written);
        String runs = "/actuator/scheduler/" + this.job + "/runs";
        JsonNode first = ok(runs + "?limit=2");
        assertThat(ids(first)).containsExactly(written.get(4).runId(), written.get(3).runId());
        JsonNode second = ok(runs + "?limit=2&after=" + encode(first.get("next").asString()));
        assertThat(ids(second)).containsExactly(written.get(2).runId(), written.get(1).runId());
        JsonNode all = ok(runs + "?limit=500");
        assertThat(all.get("runs")).hasSize(5);
        assertThat(all.get("next").isNull()).isTrue();
        for (String bad : List.of("0", "501", "-1", "abc", "1.5", "99999999999")) {
            assertProblem(get(runs + "?limit=" + bad), "'limit': value '" + bad + "' is not a whole number from 1 to 500 (default 20)");
        }
        assertProblem(get(runs + "?after=nonsense"), "'after': page token 'nonsense' is not one this scheduler wrote"
                + " (<epoch milliseconds>~<run id>); pass the 'next' value of the previous answer");
    }

    @Test
    void outcomeTakesOneOrSeveralOutcomesInAnyCase() throws Exception {
        RunRecord failed = run(this.job, 1, RunOutcome.FAILED);
        RunRecord timedOut = run(this.job, 2, RunOutcome.TIMED_OUT);
        RunRecord succeeded = run(this.job, 3, RunOutcome.SUCCEEDED);
        record(List.of(failed, timedOut, succeeded));
        String runs = "/actuator/scheduler/" + this.job + "/runs";
        assertThat(ids(ok(runs + "?outcome=FAILED"))).containsExactly(failed.runId());
        assertThat(ids(ok(runs + "?outcome=failed,timed-out"))).containsExactly(timedOut.runId(), failed.runId());
        assertThat(ids(ok(runs + "?outcome=MISSED"))).isEmpty();
        assertProblem(get(runs + "?outcome=FAILED,BOOM"), "'outcome': value 'BOOM' is not a run outcome; valid: SUCCEEDED,"
                + " FAILED, TIMED_OUT, MISSED, SKIPPED_MAX_INSTANCES, ABANDONED, CANCELLED (several separated by commas)");
        assertProblem(get(runs + "?outcome="), "'outcome': value '' is not a run outcome; valid: SUCCEEDED,"
                + " FAILED, TIMED_OUT, MISSED, SKIPPED_MAX_INSTANCES, ABANDONED, CANCELLED (several separated by commas)");
    }

    @Test
    void runsAcrossJobsFilterByOutcomeAndTimeRange() throws Exception {
        RunRecord failedA = run(this.job + "-a", 10, RunOutcome.FAILED);
        RunRecord failedB = run(this.job + "-b", 20, RunOutcome.FAILED);
        RunRecord succeededB = run(this.job + "-b", 30, RunOutcome.SUCCEEDED);
        RunRecord failedLate = run(this.job + "-c", 40, RunOutcome.FAILED);
        record(List.of(failedA, failedB, succeededB, failedLate));
        String window = "since=" + this.base.plusSeconds(10) + "&until=" + encode(this.base.plusSeconds(40).atOffset(java.time.ZoneOffset.ofHours(8)).toString());
        assertThat(ids(ok("/actuator/scheduler/runs?outcome=FAILED&" + window))).containsExactly(failedB.runId(), failedA.runId());
        assertThat(ids(ok("/actuator/scheduler/runs?" + window))).containsExactly(succeededB.runId(), failedB.runId(), failedA.runId());
        assertThat(ids(ok("/actuator/scheduler/runs?limit=1&outcome=FAILED&since=" + this.base.plusSeconds(11)
                + "&until=" + this.base.plusSeconds(41)))).containsExactly(failedLate.runId());
        assertProblem(get("/actuator/scheduler/runs?since=yesterday"), notADateTime("since", "yesterday"));
        assertProblem(get("/actuator/scheduler/runs?until=2026-12-06T00:00:00"), notADateTime("until", "2026-12-06T00:00:00"));
        assertProblem(get("/actuator/scheduler/runs?since=2026-12-06T00:00:00Z&until=2026-12-05T00:00:00Z"),
                "'since' (2026-12-06T00:00:00Z) must be before 'until' (2026-12-05T00:00:00Z)");
        // a space only stands for the offset's '+' right after a date-time
        assertProblem(get("/actuator/scheduler/runs?since=08:00%202026-12-06T08:00:00"), notADateTime("since", "08:00 2026-12-06T08:00:00"));
        assertProblem(get("/actuator/scheduler/runs?since=2026-12-06%2008:00:00+08:00"), notADateTime("since", "2026-12-06 08:00:00 08:00"));
        assertProblem(get("/actuator/scheduler/runs?limit=0"), "'limit': value '0' is not a whole number from 1 to 500 (default 20)");
        assertProblem(get("/actuator/scheduler/runs?outcome=nope"), "'outcome': value 'nope' is not a run outcome; valid:"
                + " SUCCEEDED, FAILED, TIMED_OUT, MISSED, SKIPPED_MAX_INSTANCES, ABANDONED, CANCELLED (several separated by commas)");
    }

    /**
     * A {@code +} typed into the query (as in the docs' example) arrives as a space: the offset is read as positive,
     * exactly as {@code %2B} is.
     */
    @Test
    void anOffsetWhosePlusArrivedAsASpaceIsReadAsPositive() throws Exception {
        RunRecord early = run(this.job, 10, RunOutcome.SUCCEEDED);
        RunRecord late = run(this.job, 30, RunOutcome.SUCCEEDED);
        record(List.of(early, late));
        String since = this.base.plusSeconds(20).atOffset(java.time.ZoneOffset.ofHours(8)).toString();
        assertThat(since).contains("+08:00");
        String runs = "/actuator/scheduler/" + this.job + "/runs?since=";
        assertThat(ids(ok(runs + since))).containsExactly(late.runId());
        assertThat(ids(ok(runs + since.replace("+", "%2B")))).containsExactly(late.runId());
        assertThat(ids(ok("/actuator/scheduler/runs?until=" + since + "&since=" + this.base)))
            .contains(early.runId()).doesNotContain(late.runId());
    }

    /**
     * Unknown query parameters are a 400 naming the parameter and the valid ones, not silently ignored.
     */
    @Test
    void unknownParametersAreRefusedNamingTheValidOnes() throws Exception {
        String valid = "; valid: limit, outcome, since, until, after";
        assertProblem(get("/actuator/scheduler/runs?outcom=FAILED"), "unknown parameter 'outcom'" + valid);
        assertProblem(get("/actuator/scheduler/" + this.job + "/runs?limit=2&Limit=3"), "unknown parameter 'Limit'" + valid);
        assertProblem(get("/actuator/scheduler?state=PAUSED"), "unknown parameter 'state'; valid: limit, cursor");
        assertProblem(get("/actuator/scheduler/" + this.job + "?verbose=1"),
                "unknown parameter 'verbose'; valid: none (this call takes no query parameter)");
        assertProblem(get("/actuator/scheduler/" + this.job + "/job?limit=1&verbose=1"),
                "unknown parameter 'verbose'; valid: none (this call takes no query parameter)");
        assertThat(ok("/actuator/scheduler/runs?limit=1&outcome=FAILED&since=" + this.base + "&until=" + this.base.plusSeconds(1)
                + "&after=" + encode(run(this.job, 5, RunOutcome.FAILED).cursor().toToken())).get("runs")).isEmpty();
    }

    /**
     * Instants the stores cannot keep as epoch milliseconds (the JDBC and Redis histories answered 500 with an
     * {@code ArithmeticException}) and a run id holding NUL (PostgreSQL answered 500) are refused before any store.
     */
    @Test
    void instantsOutsideYears1To9999AndANulInAfterAreRefusedNamingTheParameter() throws Exception {
        this.scheduler.addJob(JobRequest.of("reports.refresh").id(this.job).trigger(IDLE));
        try {
            String range = " is out of range; valid: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z (years 1 to 9999)";
            assertProblem(get("/actuator/scheduler/runs?since=%2B999999999-12-31T23:59:59Z"),
                    "'since': value '+999999999-12-31T23:59:59Z'" + range);
            assertProblem(get("/actuator/scheduler/" + this.job + "/runs?since=-999999999-01-01T00:00:00Z"),
                    "'since': value '-999999999-01-01T00:00:00Z'" + range);
            assertProblem(get("/actuator/scheduler/runs?until=%2B999999999-12-31T23:59:59Z"),
                    "'until': value '+999999999-12-31T23:59:59Z'" + range);
            assertProblem(get("/actuator/scheduler/runs?until=%2B10000-01-01T00:00:00Z"), "'until': value '+10000-01-01T00:00:00Z'" + range);
            assertThat(ok("/actuator/scheduler/runs?since=0001-01-01T00:00:00Z&until=9999-12-31T23:59:59.999999999Z").has("runs")).isTrue();
            assertProblem(get("/actuator/scheduler/runs?after=9223372036854775807~x"), "'after': page token"
                    + " '9223372036854775807~x' is not one this scheduler wrote: its time (+292278994-08-17T07:12:55.807Z) is outside"
                    + " years 1 to 9999; pass the 'next' value of the previous answer");
            String nul = "'after': page token '5~a\\u0000b' holds a NUL character (U+0000) in its run id; no run id holds one;"
                    + " pass the 'next' value of the previous answer";
            assertProblem(get("/actuator/scheduler/runs?after=5~a%00b"), nul);
            assertProblem(get("/actuator/scheduler/" + this.job + "/runs?after=5~a%00b"), nul);
        }
        finally {
            this.scheduler.removeJob(this.job);
        }
    }

    @Test
    void aJobWhoseIdIsRunsStaysReachable() throws Exception {
        this.scheduler.addJob(JobRequest.of("reports.refresh").id("runs").trigger(IDLE));
        try {
            RunRecord ran = run("runs", 1, RunOutcome.SUCCEEDED);
            record(List.of(ran));
            assertThat(ok("/actuator/scheduler/runs").has("runs")).isTrue();
            JsonNode job = ok("/actuator/scheduler/runs/job");
            assertThat(job.get("id").asString()).isEqualTo("runs");
            assertThat(job.get("lastRun").get("finishedAt").asString()).isEqualTo(ran.finishedAt().toString());
            assertThat(ids(ok("/actuator/scheduler/runs/runs"))).containsExactly(ran.runId());
            HttpResponse<String> paused = send("POST", "/actuator/scheduler/runs", "{\"action\":\"pause\"}");
            assertThat(JsonMapper.shared().readTree(paused.body()).get("state").asString()).isEqualTo("PAUSED");
        }
        finally {
            assertThat(send("DELETE", "/actuator/scheduler/runs", null).statusCode()).isEqualTo(204);
        }
        assertThat(this.scheduler.getJob("runs")).isEmpty();
    }

    @Test
    void aJobViewShowsItsLastRunAndRejectsRunParameters() throws Exception {
        this.scheduler.addJob(JobRequest.of("reports.refresh").id(this.job).trigger(IDLE));
        try {
            assertThat(ok("/actuator/scheduler/" + this.job).get("lastRun").isNull()).isTrue();
            assertThat(ok("/actuator/scheduler/" + this.job + "/job").get("lastRun").isNull()).isTrue();
            RunRecord older = run(this.job, 1, RunOutcome.SUCCEEDED);
            RunRecord newer = run(this.job, 2, RunOutcome.FAILED);
            record(List.of(older, newer));
            JsonNode lastRun = ok("/actuator/scheduler/" + this.job).get("lastRun");
            assertThat(lastRun.get("outcome").asString()).isEqualTo("FAILED");
            assertThat(lastRun.get("finishedAt").asString()).isEqualTo(newer.finishedAt().toString());
            assertThat(lastRun.get("durationMs").asLong()).isEqualTo(500);
            // the list reads every job's last run in one batch: a job that never ran lists none next to one that did
            this.scheduler.addJob(JobRequest.of("reports.refresh").id(this.job + "-idle").trigger(IDLE));
            JsonNode listed = null;
            JsonNode idle = null;
            for (JsonNode each : ok("/actuator/scheduler?limit=1000").get("jobs")) {
                if (each.get("id").asString().equals(this.job)) {
                    listed = each;
                }
                if (each.get("id").asString().equals(this.job + "-idle")) {
                    idle = each;
                }
            }
            assertThat(listed).isNotNull();
            assertThat(listed.get("lastRun")).isEqualTo(lastRun);
            assertThat(idle).isNotNull();
            assertThat(idle.get("lastRun").isNull()).isTrue();
            this.scheduler.removeJob(this.job + "-idle");
            for (String parameter : List.of("limit", "outcome", "since", "until", "after")) {
                assertProblem(get("/actuator/scheduler/" + this.job + "?" + parameter + "=1"), "'" + parameter
                        + "' is a parameter of /actuator/scheduler/runs and /actuator/scheduler/{id}/runs, not of a job's view");
            }
            assertProblem(get("/actuator/scheduler/" + this.job + "/job?limit=1"), "'limit' is a parameter of"
                    + " /actuator/scheduler/runs and /actuator/scheduler/{id}/runs, not of a job's view");
            assertProblem(get("/actuator/scheduler/" + this.job + "/history"),
                    "/actuator/scheduler/{id}/'history' is not a part of a job; valid: runs, job");
            HttpResponse<String> missing = get("/actuator/scheduler/nope-" + this.job + "/job");
            assertThat(missing.statusCode()).isEqualTo(404);
        }
        finally {
            this.scheduler.removeJob(this.job);
        }
        assertThat(ids(ok("/actuator/scheduler/" + this.job + "/runs"))).as("a removed job keeps its history").hasSize(2);
    }

    @Test
    void aFailingRunIsRecordedAndShownWithItsError() throws Exception {
        this.scheduler.addJob(JobRequest.of("failing.charge").id(this.job).trigger(Map.of("type", "date", "run_date", Instant.now().toString())));
        await().atMost(Duration.ofSeconds(30)).until(() -> ok("/actuator/scheduler/" + this.job + "/runs").get("runs").size() == 1);
        JsonNode run = ok("/actuator/scheduler/" + this.job + "/runs").get("runs").get(0);
        assertThat(run.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(run.get("attempt").asInt()).isEqualTo(1);
        assertThat(run.get("task").asString()).isEqualTo("failing.charge");
        assertThat(run.get("error").get("message").asString()).isEqualTo("card declined");
        assertThat(run.get("instance").asString()).isEqualTo(this.scheduler.engine().schedulerId());
        assertThat(ids(ok("/actuator/scheduler/runs?outcome=FAILED&since=" + run.get("finishedAt").asString())))
            .contains(run.get("runId").asString());
    }

    private RunRecord run(String jobId, int secondsAfterBase, RunOutcome outcome) {
        Instant finished = this.base.plusSeconds(secondsAfterBase);
        String runId = String.format("%012x-%08x-web", finished.toEpochMilli(), ++this.sequence);
        RunError error = outcome.isFailure() ? new RunError("java.lang.IllegalStateException", "payment service down",
                "java.lang.IllegalStateException: payment service down\n\tat x.Y.z(Y.java:1)", false) : null;
        return new RunRecord(runId, jobId, "name", "reports.refresh", "default", "default", finished.minusSeconds(2),
                finished.minusSeconds(1), finished.minusMillis(500), finished, outcome, outcome.isFailure() ? 2 : 1,
                "node-1", error, outcome == RunOutcome.SUCCEEDED ? "{\"paid\":3}" : null, false, false);
    }

    private void record(List<RunRecord> runs) {
        this.scheduler.engine().jobStores().get("default").runHistory().record(runs);
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("runs").forEach((run) -> ids.add(run.get("runId").asString()));
        return ids;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void theJobViewShowsTheRetryPolicyAndNoneForAJobWithout() throws Exception {
        this.scheduler.addJob(JobRequest.of("reports.refresh").id(this.job).retry(RetryPolicy.maxAttempts(3).withRetryOn("java.io.IOException"))
            .trigger(IDLE));
        try {
            JsonNode view = ok("/actuator/scheduler/" + this.job);
            assertThat(view.get("retry").get("maxAttempts").asInt()).isEqualTo(3);
            assertThat(view.get("retry").get("backoff").asString()).isEqualTo("PT10S");
            assertThat(view.get("retry").get("multiplier").asDouble()).isEqualTo(2.0);
            assertThat(view.get("retry").get("maxBackoff").asString()).isEqualTo("PT10M");
            assertThat(view.get("retry").get("jitter").asDouble()).isEqualTo(0.1);
            assertThat(view.get("retry").get("retryOn").get(0).asString()).isEqualTo("java.io.IOException");
            assertThat(view.get("pendingRetry").isNull()).isTrue();
            this.scheduler.modifyJob(this.job, io.kairos.scheduler.JobChanges.create().retry(RetryPolicy.NONE));
            assertThat(ok("/actuator/scheduler/" + this.job).get("retry").isNull()).isTrue();
        }
        finally {
            this.scheduler.removeJob(this.job);
        }
    }

    private JsonNode ok(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JsonMapper.shared().readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    private static void assertProblem(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = JsonMapper.shared().readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).isEqualTo(detail);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Reports reports() {
            return new Reports();
        }

        @Bean
        Failing failing() {
            return new Failing();
        }
    }

    static class Reports {

        public void refresh() {
        }
    }

    static class Failing {

        public void charge() {
            throw new IllegalStateException("card declined");
        }
    }

    /** The problem detail for a query parameter that is not a date-time with offset. */
    private static String notADateTime(String field, String value) {
        return "'" + field + "': value '" + value + "' is not an ISO-8601 date-time with offset, e.g. 2026-12-06T00:00:00Z or"
                + " 2026-12-06T08:00:00+08:00 (in a URL, 2026-12-06T08:00:00%2B08:00)";
    }
}
