package io.kairos.scheduler.dashboard;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.boot.JobScheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static io.kairos.scheduler.dashboard.DashboardHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every JSON call of the dashboard and its errors, over real HTTP, without Spring Security and with
 * {@code kairos.dashboard.read-only=false}.
 */
@SpringBootTest(classes = DashboardTestApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "kairos.dashboard.enabled=true", "kairos.dashboard.read-only=false", DashboardTestApp.NO_SECURITY })
class DashboardControllerTests {

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private JobScheduler scheduler;

    private DashboardHttp http;

    @BeforeEach
    void client() {
        this.http = new DashboardHttp(this.port);
        this.scheduler.getJobs().stream().filter((job) -> job.id().startsWith("t-")).forEach((job) -> this.scheduler.removeJob(job.id()));
    }

    @Test
    void servesThePageAndItsLibrariesFromTheJar() throws Exception {
        HttpResponse<String> page = this.http.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("x-data=\"dashboard()\"").doesNotContain("https://");
        assertThat(this.http.get("/webjars/alpinejs/3.15.8/dist/cdn.min.js").statusCode()).isEqualTo(200);
        assertThat(this.http.get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").statusCode()).isEqualTo(200);
        assertThat(this.http.get("/assets/dashboard.js").statusCode()).isEqualTo(200);
        HttpResponse<String> bare = this.http.get("");
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).hasValueSatisfying((location) -> assertThat(location).endsWith("/kairos/"));
    }

    @Test
    void overviewCountsJobsByStateAndSaysChangesAreAllowed() throws Exception {
        // added paused: an interval without a start date is due at once, and could run before a pauseJob
        this.scheduler.addJob(JobRequest.of("reports.refresh").id("t-paused").trigger(java.util.Map.of("type", "interval", "hours", 1))
            .paused());
        // the declared interval jobs (no start date) run at once when the scheduler starts; imports.fetch fails
        await().atMost(Duration.ofSeconds(30)).until(() -> !runs("/api/jobs/reports.refresh/runs").isEmpty()
                && !runs("/api/jobs/imports.fetch/runs").isEmpty());
        JsonNode overview = json(this.http.get("/api/overview"));
        assertThat(overview.get("state").asString()).isEqualTo("RUNNING");
        assertThat(overview.get("jobCounts").get("SCHEDULED").asInt()).isEqualTo(3);
        assertThat(overview.get("jobCounts").get("PAUSED").asInt()).isEqualTo(1);
        assertThat(overview.get("jobCounts").get("BROKEN").asInt()).isZero();
        assertThat(overview.get("jobstores").get("default").get("type").asString()).isEqualTo("MemoryJobStore");
        assertThat(overview.get("canWrite").asBoolean()).isTrue();
        assertThat(overview.get("readOnlyReason").isNull()).isTrue();
        JsonNode recent = overview.get("recentRuns");
        assertThat(recent.get("total").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(recent.get("byOutcome").get("FAILED").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(recent.get("failureRate").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(recent.get("latenessP50Millis").asLong()).isNotNegative();
        assertThat(recent.get("latenessP99Millis").asLong()).isGreaterThanOrEqualTo(recent.get("latenessP50Millis").asLong());
        assertThat(overview.get("schedulerId").asString()).isEqualTo(this.scheduler.engine().schedulerId());
        assertThat(overview.get("executors").get("default").asString()).isNotBlank();
        assertThat(overview.get("pollIntervalMillis").asLong()).isPositive();
        assertThat(overview.get("undeclaredJobs").isArray()).isTrue();
        // lease holders are listed for shared stores only; the memory store is local
        assertThat(overview.get("leaseHolders").isObject()).isTrue();
        assertThat(overview.get("leaseHolders").size()).isZero();
    }

    @Test
    void pagesJobsByIdWithLimitAndCursorAndFilters() throws Exception {
        for (int i = 0; i < 5; i++) {
            this.scheduler.addJob(JobRequest.of("reports.refresh").id("t-" + i).trigger(java.util.Map.of("type", "interval", "hours", 1)));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(this.http.get("/api/jobs?q=t-&limit=2" + (cursor != null ? "&cursor=" + cursor : "")));
            assertThat(page.get("jobs").size()).isLessThanOrEqualTo(2);
            assertThat(page.get("scanLimited").asBoolean()).isFalse();
            page.get("jobs").forEach((job) -> seen.add(job.get("id").asString()));
            cursor = page.get("next").isNull() ? null : page.get("next").asString();
        }
        while (cursor != null);
        assertThat(seen).containsExactly("t-0", "t-1", "t-2", "t-3", "t-4");

        JsonNode cron = json(this.http.get("/api/jobs?q=CRON"));
        assertThat(cron.get("jobs").size()).isEqualTo(1);
        assertThat(cron.get("jobs").get(0).get("id").asString()).isEqualTo("nightly.cleanup");
        assertThat(json(this.http.get("/api/jobs?state=paused&q=t-")).get("jobs").size()).isZero();
        JsonNode imports = json(this.http.get("/api/jobs?executor=default&store=default&task=imports.fetch"));
        assertThat(imports.get("jobs").size()).isEqualTo(1);
        assertThat(imports.get("next").isNull()).isTrue();
    }

    @Test
    void aStoreWithMoreJobsThanTheLimitAnswersExactlyTheLimitAndACursorToTheRest() throws Exception {
        List<JobRequest> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(JobRequest.of("reports.refresh").id(String.format("t-%03d", i)).trigger(java.util.Map.of("type", "interval", "hours", 1)));
        }
        this.scheduler.addJobs(many);
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(this.http.get("/api/jobs?limit=100" + (cursor != null ? "&cursor=" + cursor : "")));
            sizes.add(page.get("jobs").size());
            page.get("jobs").forEach((job) -> seen.add(job.get("id").asString()));
            cursor = page.get("next").isNull() ? null : page.get("next").asString();
        }
        while (cursor != null);
        // the 250 jobs and the 3 declared ones, in id order: full pages, each job once
        assertThat(sizes).containsExactly(100, 100, 53);
        assertThat(seen).doesNotHaveDuplicates().hasSize(253).isSorted();
        assertThat(seen.stream().filter((id) -> id.startsWith("t-"))).hasSize(250);
    }

    @Test
    void badQueryParametersAreProblemsNamingTheField() throws Exception {
        // the job list's parameters are the actuator's (JobsParameters), plus the search text q
        assertProblem(this.http.get("/api/jobs?limit=0"), 400, "limit", "'limit': value '0' is not a whole number from 1 to 1000 (default 100)");
        assertProblem(this.http.get("/api/jobs?limit=lots"), 400, "limit",
                "'limit': value 'lots' is not a whole number from 1 to 1000 (default 100)");
        assertProblem(this.http.get("/api/jobs?state=sleeping"), 400, "state",
                "'state': value 'sleeping' is not a job state; valid: SCHEDULED, PAUSED, BROKEN");
        assertProblem(this.http.get("/api/jobs?cursor=nonsense"), 400, "cursor",
                "'cursor': cursor 'nonsense' is not a cursor of this listing: not of the form k1.<store>.<position>; "
                        + "pass the 'next' of the previous page, or no cursor for the first page");
        assertProblem(this.http.get("/api/jobs?store=archive"), 400, "store",
                "'store': No job store by the alias of 'archive'; known job stores: [default]");
        assertProblem(this.http.get("/api/jobs?q=" + "x".repeat(201)), 400, "q",
                "q '" + "x".repeat(20) + "…' is 201 characters long; at most 200");
        // the run lists' parameters are the actuator's (RunsParameters)
        assertProblem(this.http.get("/api/runs?outcome=GREAT"), 400, "outcome",
                "'outcome': value 'GREAT' is not a run outcome; valid: SUCCEEDED, FAILED, TIMED_OUT, MISSED, SKIPPED_MAX_INSTANCES, ABANDONED, CANCELLED (several separated by commas)");
        assertProblem(this.http.get("/api/runs?after=nonsense"), 400, "after",
                "'after': page token 'nonsense' is not one this scheduler wrote (<epoch milliseconds>~<run id>); pass the 'next' value of the previous answer");
        assertProblem(this.http.get("/api/runs?limit=5000"), 400, "limit", "'limit': value '5000' is not a whole number from 1 to 500 (default 20)");
        assertProblem(this.http.get("/api/jobs/nope"), 404, null, "no job with id 'nope' in any job store");
        assertProblem(this.http.get("/api/jobs/reports.refresh/runs?limit=0"), 400, "limit",
                "'limit': value '0' is not a whole number from 1 to 500 (default 20)");
        assertProblem(this.http.get("/api/jobs/reports.refresh/runs?limit=ten"), 400, "limit",
                "'limit': value 'ten' is not a whole number from 1 to 500 (default 20)");
        assertProblem(this.http.get("/api/jobs/reports.refresh/runs?after=12~"), 400, "after",
                "'after': page token '12~' is not one this scheduler wrote (<epoch milliseconds>~<run id>); pass the 'next' value of the previous answer");
        assertProblem(this.http.get("/api/runs?outcome=failed&outcome=sad"), 400, "outcome",
                "'outcome': value 'sad' is not a run outcome; valid: SUCCEEDED, FAILED, TIMED_OUT, MISSED, SKIPPED_MAX_INSTANCES, ABANDONED, CANCELLED (several separated by commas)");
        assertProblem(this.http.get("/api/runs?since=yesterday"), 400, "since", "'since': value 'yesterday' is not an ISO-8601 date-time "
                + "with offset, e.g. 2026-12-06T00:00:00Z or 2026-12-06T08:00:00+08:00 (in a URL, 2026-12-06T08:00:00%2B08:00)");
        // the offset's '+' typed into the URL arrives as a space, read as '+' (2030 is after every run of this test)
        assertThat(json(this.http.get("/api/runs?since=2030-01-01T08:00:00+08:00")).get("runs")).isEmpty();
        assertThat(json(this.http.get("/api/jobs/reports.refresh/runs?until=2030-01-01T08:00:00+08:00")).has("runs")).isTrue();
        // unknown parameters of the run lists are named, with the valid ones
        assertProblem(this.http.get("/api/runs?outcom=FAILED"), 400, "outcom",
                "unknown parameter 'outcom'; valid: limit, outcome, since, until, after");
        assertProblem(this.http.get("/api/jobs/reports.refresh/runs?limit=5&page=2"), 400, "page",
                "unknown parameter 'page'; valid: limit, outcome, since, until, after");
        // instants the stores cannot keep as epoch milliseconds, a NUL in a cursor or run token (500s before)
        assertProblem(this.http.get("/api/runs?since=%2B999999999-12-31T23:59:59Z"), 400, "since", "'since': value "
                + "'+999999999-12-31T23:59:59Z' is out of range; valid: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z (years 1 to 9999)");
        assertProblem(this.http.get("/api/jobs/reports.refresh/runs?until=-999999999-01-01T00:00:00Z"), 400, "until", "'until': value "
                + "'-999999999-01-01T00:00:00Z' is out of range; valid: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z (years 1 to 9999)");
        assertProblem(this.http.get("/api/jobs?cursor=k1.ZGVmYXVsdA.YQBi"), 400, "cursor", "'cursor': cursor 'k1.ZGVmYXVsdA.YQBi' is not a"
                + " cursor of this listing: its position holds a NUL character (U+0000), which no job id or store alias may hold; pass the"
                + " 'next' of the previous page, or no cursor for the first page");
        assertProblem(this.http.get("/api/jobs/reports.refresh/runs?after=5~a%00b"), 400, "after", "'after': page token '5~a\\u0000b'"
                + " holds a NUL character (U+0000) in its run id; no run id holds one; pass the 'next' value of the previous answer");
        // executor is checked against this scheduler's executors, as store is against its stores
        assertProblem(this.http.get("/api/jobs?executor=nope"), 400, "executor",
                "'executor': value 'nope' is not an executor of this scheduler; valid: default");
        assertThat(this.http.get("/api/jobs?executor=%20default%20").statusCode()).isEqualTo(200);
        assertProblem(this.http.get("/api/everything"), 404, null,
                "no dashboard call GET '/kairos/api/everything'; see docs/dashboard.md for the calls");
        assertProblem(this.http.send("PUT", "/api/jobs/reports.refresh/pause/now", "{}", "application/json"), 404, null,
                "no dashboard call PUT '/kairos/api/jobs/reports.refresh/pause/now'; see docs/dashboard.md for the calls");
    }

    /** A poll of the jobs table must not download a large argument every time; the job's own view has it whole. */
    @Test
    void theJobsListSendsABoundedPreviewOfEachJobsArgumentsAndTheJobViewSendsThemWhole() throws Exception {
        String big = "x".repeat(1_000_000);
        this.scheduler.addJob(JobRequest.of("reports.export").id("t-big").args(big).trigger(java.util.Map.of("type", "interval", "hours", 1)));
        this.scheduler.addJob(JobRequest.of("reports.export").id("t-small").kwargs(java.util.Map.of("note", "weekly"))
            .trigger(java.util.Map.of("type", "interval", "hours", 1)));
        HttpResponse<String> list = this.http.get("/api/jobs?q=t-");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body().length()).as("the jobs list's size").isLessThan(5_000);
        JsonNode jobs = json(list).get("jobs");
        assertThat(jobs.size()).isEqualTo(2);
        JsonNode bigRow = jobs.get(0);
        assertThat(bigRow.get("id").asString()).isEqualTo("t-big");
        assertThat(bigRow.has("args")).isFalse();
        assertThat(bigRow.get("argsPreview").asString()).isEqualTo("[\"" + "x".repeat(JobRows.MAX_PREVIEW - 2));
        assertThat(bigRow.get("kwargsPreview").asString()).isEqualTo("{}");
        assertThat(bigRow.get("argumentsTruncated").asBoolean()).isTrue();
        JsonNode smallRow = jobs.get(1);
        assertThat(smallRow.get("argsPreview").asString()).isEqualTo("[]");
        assertThat(smallRow.get("kwargsPreview").asString()).isEqualTo("{\"note\":\"weekly\"}");
        assertThat(smallRow.get("argumentsTruncated").asBoolean()).isFalse();
        assertThat(smallRow.get("trigger").asString()).startsWith("interval[");
        assertThat(smallRow.get("state").asString()).isEqualTo("SCHEDULED");

        JsonNode whole = json(this.http.get("/api/jobs/t-big")).get("job");
        assertThat(whole.get("args").get(0).asString()).isEqualTo(big);
    }

    @Test
    void aPreviewIsCutBeforeASurrogatePairRatherThanInsideIt() {
        String text = "a".repeat(JobRows.MAX_PREVIEW - 1) + "\uD83D\uDE00" + "b";
        assertThat(JobRows.cut(text)).isEqualTo("a".repeat(JobRows.MAX_PREVIEW - 1));
        assertThat(JobRows.cut("a".repeat(JobRows.MAX_PREVIEW + 1))).hasSize(JobRows.MAX_PREVIEW);
        assertThat(JobRows.cut("short")).isEqualTo("short");
    }

    @Test
    void jobDetailHasEveryFieldAndTheNextTenFireTimes() throws Exception {
        JsonNode detail = json(this.http.get("/api/jobs/nightly.cleanup"));
        assertThat(detail.get("job").get("trigger").asString()).startsWith("cron[");
        assertThat(detail.get("job").get("task").asString()).isEqualTo("reports.cleanup");
        JsonNode times = detail.get("nextFireTimes");
        assertThat(times.size()).isEqualTo(10);
        Instant previous = Instant.MIN;
        for (JsonNode time : times) {
            Instant instant = java.time.OffsetDateTime.parse(time.asString()).toInstant();
            assertThat(instant).isAfter(previous);
            assertThat(java.time.OffsetDateTime.parse(time.asString()).getHour()).isEqualTo(3);
            previous = instant;
        }
        assertThat(Duration.between(java.time.OffsetDateTime.parse(times.get(0).asString()).toInstant(),
                java.time.OffsetDateTime.parse(times.get(9).asString()).toInstant())).isEqualTo(Duration.ofDays(9));
        assertThat(detail.get("stored").asString()).contains("nightly.cleanup");
    }

    @Test
    void recordedRunsArePagedPerJobAndAcrossJobsAndSummedUpInTheOverview() throws Exception {
        this.scheduler.addJob(JobRequest.of("reports.refresh").id("t-runs").trigger(java.util.Map.of("type", "interval", "hours", 1)));
        this.scheduler.addJob(JobRequest.of("imports.fetch").id("t-fails").trigger(java.util.Map.of("type", "interval", "hours", 1)));
        for (int i = 0; i < 2; i++) {
            int before = runs("/api/jobs/t-runs/runs").size();
            assertThat(this.http.post("/api/jobs/t-runs/run", "{}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> runs("/api/jobs/t-runs/runs").size() > before);
        }
        assertThat(this.http.post("/api/jobs/t-fails/run", "{}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !runs("/api/jobs/t-fails/runs").isEmpty());

        JsonNode first = json(this.http.get("/api/jobs/t-runs/runs?limit=1"));
        JsonNode newest = first.get("runs").get(0);
        assertThat(newest.get("jobId").asString()).isEqualTo("t-runs");
        assertThat(newest.get("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(newest.get("attempt").asInt()).isEqualTo(1);
        assertThat(newest.get("durationMs").asLong()).isNotNegative();
        assertThat(newest.get("instance").asString()).isEqualTo(this.scheduler.engine().schedulerId());
        JsonNode second = json(this.http.get("/api/jobs/t-runs/runs?limit=1&after=" + first.get("next").asString()));
        assertThat(second.get("runs").get(0).get("runId").asString()).isNotEqualTo(newest.get("runId").asString());
        assertThat(Instant.parse(second.get("runs").get(0).get("finishedAt").asString()))
            .isBeforeOrEqualTo(Instant.parse(newest.get("finishedAt").asString()));

        // the jobs table shows each job's last run, as the actuator's list does
        JsonNode listed = json(this.http.get("/api/jobs?q=t-fails")).get("jobs").get(0);
        assertThat(listed.get("lastRun").get("outcome").asString()).isEqualTo("FAILED");

        JsonNode failed = runs("/api/runs?outcome=failed").get(0);
        assertThat(failed.get("jobId").asString()).isEqualTo("t-fails");
        assertThat(failed.get("error").get("type").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.get("error").get("message").asString()).isEqualTo("supplier feed https://feeds.example/prices answered 503");
        assertThat(failed.get("error").get("stackTrace").asString()).contains("DashboardTestApp$Imports.fetch");
        runs("/api/runs?outcome=failed&outcome=succeeded").forEach((run) -> assertThat(run.get("outcome").asString()).isIn("FAILED", "SUCCEEDED"));

        JsonNode recent = json(this.http.get("/api/overview")).get("recentRuns");
        assertThat(recent.get("total").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(recent.get("byOutcome").get("FAILED").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(recent.get("failureRate").asDouble()).isGreaterThan(0).isLessThan(1);
        assertThat(recent.get("latenessP50Millis").asLong()).isNotNegative();
        assertThat(recent.get("latenessP99Millis").asLong()).isGreaterThanOrEqualTo(recent.get("latenessP50Millis").asLong());
    }

    private JsonNode runs(String path) throws Exception {
        HttpResponse<String> response = this.http.get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("runs");
    }

    @Test
    void pausesResumesRunsReschedulesAndRemovesAJob() throws Exception {
        this.scheduler.addJob(JobRequest.of("reports.refresh").id("t-act").trigger(java.util.Map.of("type", "interval", "hours", 1)));
        HttpResponse<String> paused = this.http.post("/api/jobs/t-act/pause", "{}");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(json(paused).get("state").asString()).isEqualTo("PAUSED");
        assertThat(this.scheduler.getJob("t-act").orElseThrow().nextRunTime()).isEmpty();

        assertThat(json(this.http.post("/api/jobs/t-act/resume", "{}")).get("state").asString()).isEqualTo("SCHEDULED");

        HttpResponse<String> rescheduled = this.http.post("/api/jobs/t-act/reschedule",
                "{\"trigger\": {\"type\": \"cron\", \"hour\": \"4\", \"minute\": \"30\"}}");
        assertThat(rescheduled.statusCode()).as(rescheduled.body()).isEqualTo(200);
        assertThat(this.scheduler.getJob("t-act").orElseThrow().trigger().toString()).isEqualTo("cron[hour='4', minute='30']");

        this.scheduler.pauseJob("t-act");
        this.scheduler.resumeJob("t-act");
        HttpResponse<String> run = this.http.post("/api/jobs/t-act/run", "{}");
        assertThat(run.statusCode()).isEqualTo(200);
        // the answer shows the job as the action left it: due now (the scheduler may already have run it since)
        Instant due = java.time.OffsetDateTime.parse(json(run).get("nextRunTime").asString()).toInstant();
        assertThat(due).isBeforeOrEqualTo(this.scheduler.engine().clock().instant());

        assertThat(this.http.send("DELETE", "/api/jobs/t-act", "{}", "application/json").statusCode()).isEqualTo(204);
        assertThat(this.scheduler.getJob("t-act")).isEmpty();
        assertProblem(this.http.send("DELETE", "/api/jobs/t-act", "{}", "application/json"), 404, null,
                "no job with id 't-act' in any job store");
        assertProblem(this.http.post("/api/jobs/t-act/pause", "{}"), 404, null, "no job with id 't-act' in any job store");
    }

    @Test
    void badActionsAndTriggerSpecsAreProblemsNamingTheField() throws Exception {
        String before = this.scheduler.getJob("reports.refresh").orElseThrow().trigger().toString();
        assertProblem(this.http.post("/api/jobs/reports.refresh/explode", "{}"), 400, "action",
                "action 'explode' is not a job action; valid: pause, resume, run, reschedule");
        HttpResponse<String> badHour = this.http.post("/api/jobs/reports.refresh/reschedule",
                "{\"trigger\": {\"type\": \"cron\", \"hour\": \"25\"}}");
        assertThat(badHour.statusCode()).isEqualTo(400);
        assertThat(json(badHour).get("field").asString()).isEqualTo("hour");
        assertThat(json(badHour).get("detail").asString()).startsWith("invalid trigger spec: ").contains("25");
        // the dashboard's own body in its errors, not the actuator's {"action": ..., "trigger": "<JSON text>"}
        String example = "{\"trigger\": {\"type\": \"cron\", \"hour\": \"3\"}}";
        assertProblem(this.http.post("/api/jobs/reports.refresh/reschedule", "{}"), 400, "trigger",
                "action 'reschedule' needs the new trigger spec under 'trigger', as a JSON object, e.g. " + example);
        HttpResponse<String> text = this.http.post("/api/jobs/reports.refresh/reschedule", "{\"trigger\": \"cron\"}");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(json(text).get("field").asString()).isEqualTo("trigger");
        assertThat(json(text).get("detail").asString()).startsWith("'trigger' is not a JSON object: 'cron' (").endsWith("); e.g. " + example)
            .doesNotContain("action");
        assertProblem(this.http.post("/api/jobs/reports.refresh/pause", "{\"trigger\": {\"type\": \"cron\"}}"), 400, "trigger",
                "'trigger' is only taken by action 'reschedule', not by 'pause'");
        assertProblem(this.http.post("/api/jobs/reports.refresh/reschedule", "[1, 2"), 400, "trigger",
                "the body is not a JSON object, e.g. {\"trigger\": {\"type\": \"cron\", \"hour\": \"3\"}}");
        assertProblem(this.http.send("POST", "/api/jobs/reports.refresh/pause", "action=pause", "application/x-www-form-urlencoded"),
                415, null, "changes take a JSON body (Content-Type: application/json), got 'application/x-www-form-urlencoded'");
        assertProblem(this.http.post("/api/jobs/reports.refresh/reschedule",
                "{\"trigger\": {\"type\": \"cron\", \"hour\": \"4\"}, \"extra\": 1}"), 400, "extra",
                "unknown body key 'extra'; valid: trigger; a reschedule takes the trigger spec under 'trigger', as a JSON object,"
                        + " e.g. " + example);
        assertProblem(this.http.post("/api/jobs/reports.refresh/pause", "{\"action\": \"pause\"}"), 400, "action",
                "unknown body key 'action'; valid: trigger; a reschedule takes the trigger spec under 'trigger', as a JSON object,"
                        + " e.g. " + example);
        assertProblem(this.http.post("/api/jobs/reports.refresh/reschedule", "{\"trigger\": 5}"), 400, "trigger",
                "'trigger' must be a JSON object (a trigger spec), e.g. " + example + "; got '5'");
        HttpResponse<String> twice = this.http.post("/api/jobs/reports.refresh/reschedule",
                "{\"trigger\": {\"type\": \"cron\"}, \"trigger\": {\"type\": \"date\"}}");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(json(twice).get("field").asString()).isEqualTo("trigger");
        assertThat(json(twice).get("detail").asString()).startsWith("the body is not a JSON object ('Duplicate").contains("trigger");
        String huge = "{\"trigger\": \"" + "x".repeat(20_000) + "\"}";
        assertProblem(this.http.post("/api/jobs/reports.refresh/reschedule", huge), 400, null,
                "the body is 20015 characters long; at most 16384");
        HttpResponse<String> often = this.http.post("/api/jobs/reports.refresh/reschedule",
                "{\"trigger\": {\"type\": \"interval\", \"minutes\": \"often\"}}");
        assertThat(often.statusCode()).isEqualTo(400);
        assertThat(json(often).get("field").asString()).isEqualTo("minutes");
        assertThat(json(often).get("detail").asString()).startsWith("invalid trigger spec: ").contains("'often'");
        assertThat(this.scheduler.getJob("reports.refresh").orElseThrow().trigger().toString()).isEqualTo(before);
        assertThat(this.scheduler.getJob("reports.refresh").orElseThrow().nextRunTime()).isPresent();
    }

    @Test
    void pausesAndResumesTheScheduler() throws Exception {
        HttpResponse<String> paused = this.http.post("/api/scheduler/pause", "{}");
        assertThat(json(paused).get("state").asString()).isEqualTo("PAUSED");
        assertThat(this.scheduler.state().name()).isEqualTo("PAUSED");
        assertThat(json(this.http.post("/api/scheduler/resume", "{}")).get("state").asString()).isEqualTo("RUNNING");
        assertProblem(this.http.post("/api/scheduler/stop", "{}"), 400, "action",
                "action 'stop' is not a scheduler action; valid: pause, resume");
        assertProblem(this.http.post("/api/scheduler/pause", "{\"extra\": 1}"), 400, "extra",
                "unknown body key 'extra'; valid: none (send {} or no body)");
        assertThat(this.scheduler.state().name()).isEqualTo("RUNNING");
    }

    static void assertProblem(HttpResponse<String> response, int status, String field, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asString()).isEqualTo(detail);
        if (field == null) {
            assertThat(body.get("field").isNull()).as(response.body()).isTrue();
        }
        else {
            assertThat(body.get("field").asString()).isEqualTo(field);
        }
    }
}
