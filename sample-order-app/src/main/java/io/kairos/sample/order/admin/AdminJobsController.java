package io.kairos.sample.order.admin;

import io.kairos.scheduler.input.InputText;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.kairos.sample.order.web.ApiException;
import io.kairos.scheduler.Job;
import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.boot.JobScheduler;
import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.trigger.InvalidTriggerSpecException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adds cron jobs at run time, the Tornado tutorial's {@code SchedulerHandler} in Spring MVC:
 * {@code POST /admin/jobs} with {@code {"job_id", "cron", "task"}} (a 6-field cron expression, seconds first as
 * the tutorial's {@code second minute hour day month day_of_week}, and a task from {@link AdminTasks}), and
 * {@code GET /admin/jobs} to list every job of the scheduler. The 6 fields follow Spring's cron syntax (day of
 * week 0 or 7 = Sunday, names allowed), which differs from the tutorial's APScheduler keywords where 0 = Monday.
 */
@RestController
@RequestMapping("/admin/jobs")
public class AdminJobsController {

    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /** Longest cron expression taken (six fields with lists and ranges stay well below it). */
    static final int MAX_CRON_LENGTH = 120;

    /** Most jobs this API keeps at once (across instances a few more may slip in between two adds). */
    static final int MAX_JOBS = 20;

    /** The name prefix of the jobs added here, by which they are counted. */
    static final String NAME_PREFIX = "admin: ";

    private final JobScheduler scheduler;

    private final AdminTasks tasks;

    /**
     * Creates the controller.
     *
     * @param scheduler the Kairos scheduler
     * @param tasks the allow-list of tasks
     */
    public AdminJobsController(JobScheduler scheduler, AdminTasks tasks) {
        this.scheduler = scheduler;
        this.tasks = tasks;
    }

    /**
     * Adds a cron job.
     *
     * @param request {@code {"job_id": "stats-every-10s", "cron": "0/10 * * * * *", "task": "statistics"}}
     * @return 201 with the job as {@link #list()} shows it
     * @throws ApiException 400 when {@code job_id} is missing or not 1-100 of {@code A-Z a-z 0-9 . _ -}, the cron
     *     expression is missing, longer than {@value #MAX_CRON_LENGTH} characters, has not 6 fields or is invalid
     *     (with the trigger's reason), or the task is not allowed; 409 when the job id is taken or
     *     {@value #MAX_JOBS} jobs added here exist already
     */
    @PostMapping
    public synchronized ResponseEntity<AdminJob> add(@RequestBody AddCronJob request) {
        if (request.jobId() == null || !JOB_ID.matcher(request.jobId()).matches()) {
            throw ApiException.badRequest("job_id must be 1-100 characters of A-Z a-z 0-9 . _ -, got " + InputText.quote(request.jobId()));
        }
        String cron = request.cron() != null ? request.cron().trim() : "";
        if (cron.length() > MAX_CRON_LENGTH) {
            throw ApiException.badRequest("cron is " + cron.length() + " characters long; at most " + MAX_CRON_LENGTH);
        }
        int fields = cron.isEmpty() ? 0 : cron.split("\\s+").length;
        if (fields != 6) {
            throw ApiException.badRequest("cron must have 6 fields (second minute hour day month day_of_week), got "
                    + fields + " in '" + cron + "'");
        }
        String task = this.tasks.resolve(request.task());
        long added = this.scheduler.getJobs().stream().filter((job) -> job.name().startsWith(NAME_PREFIX)).count();
        if (added >= MAX_JOBS) {
            throw ApiException.conflict("at most " + MAX_JOBS + " jobs can be added here and there are " + added
                    + "; remove one first (DELETE /actuator/scheduler/{id})");
        }
        Job job;
        try {
            job = this.scheduler.addJob(JobRequest.of(task).id(request.jobId())
                    .name(NAME_PREFIX + request.task() + " (" + cron + ")")
                    .trigger(Map.of("type", "cron", "expression", cron)));
        }
        catch (InvalidTriggerSpecException ex) {
            throw ApiException.badRequest("cron '" + cron + "' is invalid: " + ex.getMessage());
        }
        catch (ConflictingJobIdException ex) {
            throw ApiException.conflict("job_id '" + request.jobId() + "' is taken; pick another id");
        }
        return ResponseEntity.created(URI.create("/actuator/scheduler/" + job.id())).body(AdminJob.of(job));
    }

    /**
     * Lists every job of the scheduler (declared, added here and order timeouts).
     *
     * @return the jobs, each store's sorted by next run time
     */
    @GetMapping
    public List<AdminJob> list() {
        return this.scheduler.getJobs().stream().map(AdminJob::of).toList();
    }

    /**
     * Body of {@code POST /admin/jobs}.
     *
     * @param jobId the job id
     * @param cron a 6-field cron expression
     * @param task a short task name from {@link AdminTasks}
     */
    public record AddCronJob(@JsonProperty("job_id") @Nullable String jobId, @Nullable String cron, @Nullable String task) {
    }

    /**
     * A job as the admin API shows it.
     *
     * @param jobId the job id
     * @param name the job name
     * @param task the task name
     * @param trigger the trigger spec
     * @param nextRunTime the next run time (UTC), or {@code null} when paused
     */
    public record AdminJob(@JsonProperty("job_id") String jobId, String name, String task, Map<String, Object> trigger,
            @JsonProperty("next_run_time") @Nullable Instant nextRunTime) {

        static AdminJob of(Job job) {
            return new AdminJob(job.id(), job.name(), job.task(), job.trigger().toSpec(),
                    job.nextRunTime().map(t -> t.toInstant()).orElse(null));
        }
    }
}
