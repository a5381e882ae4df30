package io.kairos.scheduler.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.SchedulerNotRunningException;
import io.kairos.scheduler.boot.operations.InvalidOperationException;
import io.kairos.scheduler.boot.operations.JobNotFoundException;
import io.kairos.scheduler.boot.operations.JobsParameters;
import io.kairos.scheduler.boot.operations.LastRuns;
import io.kairos.scheduler.boot.operations.OperationProblem;
import io.kairos.scheduler.boot.operations.RequestKeys;
import io.kairos.scheduler.boot.operations.RunsDescriptor;
import io.kairos.scheduler.boot.operations.SchedulerDescriptor;
import io.kairos.scheduler.boot.operations.SchedulerOperations;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.input.InputText;
import io.kairos.scheduler.store.JobCounts;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobStoreException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The dashboard's page and JSON, under {@code kairos.dashboard.path}. Reads and actions go through
 * {@link SchedulerOperations}, as the actuator endpoint's do; every error is a {@link DashboardProblem}. Changes
 * need {@link DashboardAccess} to allow them and a JSON body. Thread-safe.
 */
@RestController
@RequestMapping("${kairos.dashboard.path:/kairos}")
class DashboardController {

    private static final Duration RECENT = Duration.ofHours(1);

    /** Longest change body taken (a trigger spec, far below it). */
    private static final int MAX_BODY = SchedulerOperations.MAX_TRIGGER_LENGTH;

    /** Reads change bodies; a duplicate key is an error rather than a silent overwrite. */
    private static final ObjectReader BODY_READER = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build()
        .readerFor(Map.class);

    /** How a change's body holds the trigger, shown in errors. */
    private static final String TRIGGER_FORM = "as a JSON object";

    /** The keys a job action's body takes. */
    private static final List<String> TRIGGER_ONLY = List.of("trigger");

    /** A change's body, shown in errors. */
    private static final String BODY_EXAMPLE = "{\"trigger\": {\"type\": \"cron\", \"hour\": \"3\"}}";

    private final SchedulerOperations operations;

    private final DashboardAccess access;

    private final Duration pollInterval;

    DashboardController(SchedulerOperations operations, DashboardAccess access, Duration pollInterval) {
        this.operations = operations;
        this.access = access;
        this.pollInterval = pollInterval;
    }

    @GetMapping("")
    RedirectView root(HttpServletRequest request) {
        RedirectView redirect = new RedirectView(request.getRequestURI() + "/");
        redirect.setContextRelative(false);
        return redirect;
    }

    @GetMapping("/")
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(new ClassPathResource("kairos-dashboard/index.html"));
    }

    /**
     * The jobs by state over every store, counted by the stores ({@code JobScheduler.countJobs}) without loading
     * the jobs: one query or script per store for the shared stores.
     */
    private Map<String, Long> jobCounts() {
        JobCounts counts = this.operations.scheduler().countJobs();
        return new TreeMap<>(Map.of("SCHEDULED", counts.scheduled(), "PAUSED", counts.paused(), "BROKEN", counts.broken()));
    }

    @GetMapping("/api/overview")
    Map<String, Object> overview(HttpServletRequest request) {
        // the overview shows no jobs: a page of one, not the default 100 with a run-history read for each
        SchedulerDescriptor scheduler = this.operations.describe("1", null);
        Map<String, Long> counts = jobCounts();
        DashboardAccess.Grant grant = this.access.grant(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schedulerId", scheduler.schedulerId());
        body.put("state", scheduler.state());
        body.put("timezone", scheduler.timezone());
        body.put("now", this.operations.scheduler().engine().clock().instant().toString());
        body.put("jobstores", scheduler.jobstores());
        body.put("executors", scheduler.executors());
        body.put("leaseHolders", leaseHolders());
        body.put("jobCounts", counts);
        body.put("undeclaredJobs", scheduler.undeclaredJobs());
        body.put("recentRuns", recentRuns());
        body.put("canWrite", grant.canWrite());
        body.put("user", grant.user());
        body.put("readOnlyReason", grant.readOnlyReason());
        body.put("csrf", this.access.csrf(request));
        body.put("pollIntervalMillis", this.pollInterval.toMillis());
        return body;
    }

    /** Per shared store: the instances holding leases on its jobs, or the store's error. */
    private Map<String, Object> leaseHolders() {
        Map<String, Object> holders = new TreeMap<>();
        this.operations.scheduler().engine().jobStores().forEach((alias, store) -> {
            if (store.isShared()) {
                try {
                    holders.put(alias, store.leaseHolders());
                }
                catch (JobStoreException ex) {
                    holders.put(alias, Map.of("error", String.valueOf(ex.getMessage())));
                }
            }
        });
        return holders;
    }

    /** A summary of the runs finished in the last hour (at most one page of {@value RunQuery#MAX_LIMIT}). */
    private Map<String, Object> recentRuns() {
        Instant since = this.operations.scheduler().engine().clock().instant().minus(RECENT);
        try {
            return RunViews.summary(this.operations.scheduler().engine().findRuns(RunQuery.all().since(since).withLimit(RunQuery.MAX_LIMIT)));
        }
        catch (SchedulerNotRunningException ex) {
            return RunViews.none();
        }
    }

    /**
     * One page of the jobs table: the query parameters are the actuator's ({@link JobsParameters}), plus {@code q},
     * a search text, and {@code executor} must be one of this instance's executors (the filter's choices; see
     * {@link JobsParameters#requireExecutor}); see {@link JobSearch} for the paging and its bound. Each job comes with its last run, as in the
     * actuator's list (one batched history read per store for the page), and a bounded preview of its arguments
     * ({@link JobRows}).
     */
    @GetMapping("/api/jobs")
    Map<String, Object> jobs(@RequestParam(required = false) @Nullable String limit, @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String store, @RequestParam(required = false) @Nullable String executor,
            @RequestParam(required = false) @Nullable String task) {
        JobQuery query = JobsParameters.requireExecutor(JobsParameters.query(limit, cursor, state, store, executor, task),
                this.operations.scheduler().engine().executors().keySet());
        return JobSearch.page(this.operations::jobs, (jobs) -> JobRows.of(LastRuns.describeAll(this.operations.scheduler(), jobs)), query, q);
    }

    @GetMapping("/api/jobs/{id}")
    Map<String, Object> job(@PathVariable String id) {
        Job job = this.operations.scheduler().getJob(id).orElseThrow(() -> new JobNotFoundException(id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job", LastRuns.describe(this.operations.scheduler(), job));
        body.put("nextFireTimes", JobViews.nextFireTimes(job,
                this.operations.scheduler().engine().clock().instant().atZone(this.operations.scheduler().timezone())));
        body.put("stored", job.storedJob().toString());
        return body;
    }

    /**
     * A job's runs, newest first: the parameters and answer of the actuator's runs ({@code RunsParameters}); another
     * parameter is a 400 ({@link RequestKeys}).
     */
    @GetMapping("/api/jobs/{id}/runs")
    RunsDescriptor jobRuns(@PathVariable String id, @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String outcome, @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable String until, @RequestParam(required = false) @Nullable String after,
            HttpServletRequest request) {
        RequestKeys.requireKnownParameters(request.getParameterMap().keySet(), RequestKeys.RUNS_PARAMETERS);
        return this.operations.runs(id, limit, outcome, since, until, after);
    }

    /**
     * Runs across jobs, newest first; {@code outcome} may be given several times or comma-separated. Another
     * parameter is a 400 ({@link RequestKeys}).
     */
    @GetMapping("/api/runs")
    RunsDescriptor allRuns(@RequestParam(required = false) @Nullable String limit, @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String since, @RequestParam(required = false) @Nullable String until,
            @RequestParam(required = false) @Nullable String after, HttpServletRequest request) {
        RequestKeys.requireKnownParameters(request.getParameterMap().keySet(), RequestKeys.RUNS_PARAMETERS);
        return this.operations.runs(null, limit, outcome, since, until, after);
    }

    @PostMapping("/api/jobs/{id}/{action}")
    ResponseEntity<Object> jobAction(@PathVariable String id, @PathVariable String action,
            @RequestBody(required = false) @Nullable String body, HttpServletRequest request) {
        String actor = writer(request);
        Map<?, ?> keys = body(body);
        RequestKeys.requireKnownBodyKeys(keys(keys), TRIGGER_ONLY, RequestKeys.triggerHint(TRIGGER_FORM, BODY_EXAMPLE));
        Object trigger = keys.get("trigger");
        return this.operations.jobAction(id, action, trigger, actor, TRIGGER_FORM, BODY_EXAMPLE)
            .<ResponseEntity<Object>>map(ResponseEntity::ok)
            .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @DeleteMapping("/api/jobs/{id}")
    ResponseEntity<Void> removeJob(@PathVariable String id, HttpServletRequest request) {
        this.operations.removeJob(id, writer(request));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/scheduler/{action}")
    Map<String, Object> schedulerAction(@PathVariable String action, @RequestBody(required = false) @Nullable String body,
            HttpServletRequest request) {
        String actor = writer(request);
        RequestKeys.requireKnownBodyKeys(keys(body(body)), List.of(), null);
        this.operations.schedulerAction(action, actor);
        return overview(request);
    }

    private static List<String> keys(Map<?, ?> body) {
        return body.keySet().stream().map(String::valueOf).toList();
    }

    /** A change's body: a JSON object, or nothing. */
    private static Map<?, ?> body(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        if (body.length() > MAX_BODY) {
            throw new DashboardRequestException(HttpStatus.BAD_REQUEST, null,
                    "the body is " + body.length() + " characters long; at most " + MAX_BODY);
        }
        try {
            return BODY_READER.readValue(body);
        }
        catch (StreamReadException ex) {
            // not JSON, or a key given twice: the parser's reason helps
            throw new DashboardRequestException(HttpStatus.BAD_REQUEST, "trigger", "the body is not a JSON object ("
                    + InputText.quote(ex.getOriginalMessage()) + "), e.g. " + BODY_EXAMPLE);
        }
        catch (JacksonException ex) {
            throw new DashboardRequestException(HttpStatus.BAD_REQUEST, "trigger", "the body is not a JSON object, e.g. " + BODY_EXAMPLE);
        }
    }

    /** The actor of a change, once the change is allowed and its body is JSON. */
    private String writer(HttpServletRequest request) {
        DashboardAccess.Grant grant = this.access.grant(request);
        if (!grant.canWrite()) {
            throw new DashboardRequestException(HttpStatus.FORBIDDEN, null, String.valueOf(grant.readOnlyReason()));
        }
        String type = request.getContentType();
        if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(type))) {
            throw new DashboardRequestException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null,
                    "changes take a JSON body (Content-Type: application/json), got " + InputText.quote(type));
        }
        return grant.actor(request);
    }

    /** Any other path under {@code api/}: a problem rather than the application's error page. */
    @RequestMapping("/api/**")
    ResponseEntity<DashboardProblem> unknownCall(HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "no dashboard call " + request.getMethod() + " "
                + InputText.quote(request.getRequestURI()) + "; see docs/dashboard.md for the calls", null);
    }

    /** The refusals of {@link SchedulerOperations}, answered as the actuator endpoint answers them. */
    @ExceptionHandler({ InvalidOperationException.class, JobNotFoundException.class, SchedulerNotRunningException.class })
    ResponseEntity<DashboardProblem> operationRefused(RuntimeException ex) {
        OperationProblem problem = OperationProblem.of(ex);
        if (problem == null) {
            throw ex;
        }
        return problem(HttpStatus.valueOf(problem.status()), problem.detail(), problem.field());
    }

    @ExceptionHandler(DashboardRequestException.class)
    ResponseEntity<DashboardProblem> refused(DashboardRequestException ex) {
        return problem(ex.status(), ex.getMessage(), ex.field());
    }

    private static ResponseEntity<DashboardProblem> problem(HttpStatus status, @Nullable String detail, @Nullable String field) {
        return ResponseEntity.status(status)
            .contentType(MediaType.APPLICATION_JSON)
            .body(new DashboardProblem(status.getReasonPhrase(), status.value(), String.valueOf(detail), field));
    }
}
