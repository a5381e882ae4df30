package io.kairos.scheduler.dashboard;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.boot.operations.JobDescriptor;
import io.kairos.scheduler.input.InputText;
import io.kairos.scheduler.trigger.Trigger;
import io.kairos.scheduler.trigger.TriggerSpec;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * The jobs table (filtered, keyset-paged by job id) and the next fire times of a job. Stateless.
 */
final class JobViews {

    /** The largest page of jobs one request may ask for. */
    static final int MAX_LIMIT = 500;

    /** How many next fire times a job detail shows. */
    static final int FIRE_TIMES = 10;

    private JobViews() {
    }

    /**
     * One page of jobs, ordered by id, after the cursor (the last id of the previous page).
     *
     * @param jobs every job
     * @param filter the filters, untrusted
     * @param limit the page size, 1 to {@value #MAX_LIMIT}
     * @param cursor the last id of the previous page, or {@code null}
     * @return {@code jobs}, {@code next} (the cursor of the next page, or {@code null}) and {@code matched}
     */
    static Map<String, Object> page(List<Job> jobs, Filter filter, int limit, @Nullable String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new DashboardRequestException(HttpStatus.BAD_REQUEST, "limit",
                    "limit " + limit + " is out of range; valid: 1 to " + MAX_LIMIT);
        }
        List<Job> matching = jobs.stream().filter(filter::matches).sorted(Comparator.comparing(Job::id)).toList();
        List<JobDescriptor> page = new ArrayList<>();
        String next = null;
        for (Job job : matching) {
            if (cursor != null && job.id().compareTo(cursor) <= 0) {
                continue;
            }
            if (page.size() == limit) {
                next = page.get(page.size() - 1).id();
                break;
            }
            page.add(JobDescriptor.of(job));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobs", page);
        body.put("next", next);
        body.put("matched", matching.size());
        return body;
    }

    /**
     * The next fire times of a job from its next run time (or from now when paused), in the trigger's zone.
     *
     * @param job the job
     * @param now the scheduler's current time
     * @return up to {@value #FIRE_TIMES} ISO-8601 times with offset; fewer when the trigger finishes
     */
    static List<String> nextFireTimes(Job job, ZonedDateTime now) {
        Trigger trigger = job.trigger();
        List<String> times = new ArrayList<>();
        if (trigger == null || job.state() == JobState.BROKEN) {
            return times;
        }
        Optional<ZonedDateTime> next = Optional.ofNullable(job.storedJob().nextFireTime())
            .map((instant) -> instant.atZone(trigger.timezone()))
            .or(() -> trigger.nextFireTime(null, now));
        while (next.isPresent() && times.size() < FIRE_TIMES) {
            times.add(TriggerSpec.formatDateTime(next.get()));
            next = trigger.nextFireTime(next.get(), next.get());
        }
        return times;
    }

    /**
     * The jobs table's filters; each {@code null} or blank matches all.
     *
     * @param text part of the id, name, task or trigger (any case)
     * @param state {@code SCHEDULED}, {@code PAUSED} or {@code BROKEN}
     * @param store a store alias
     * @param executor an executor alias
     * @param task a task name
     */
    record Filter(@Nullable String text, @Nullable String state, @Nullable String store, @Nullable String executor,
            @Nullable String task) {

        Filter {
            if (state != null && !state.isBlank()) {
                try {
                    state = JobState.valueOf(state.trim().toUpperCase(Locale.ROOT)).name();
                }
                catch (IllegalArgumentException ex) {
                    throw new DashboardRequestException(HttpStatus.BAD_REQUEST, "state", "state " + InputText.quote(state)
                            + " is not a job state; valid: SCHEDULED, PAUSED, BROKEN");
                }
            }
        }

        boolean matches(Job job) {
            return same(this.state, job.state().name()) && same(this.store, job.jobstore())
                    && same(this.executor, job.executor()) && same(this.task, job.task()) && contains(job);
        }

        private boolean contains(Job job) {
            if (this.text == null || this.text.isBlank()) {
                return true;
            }
            String wanted = this.text.trim().toLowerCase(Locale.ROOT);
            return (job.id() + "\n" + job.name() + "\n" + job.task() + "\n" + job.trigger()).toLowerCase(Locale.ROOT)
                .contains(wanted);
        }

        private static boolean same(@Nullable String wanted, String actual) {
            return wanted == null || wanted.isBlank() || wanted.equals(actual);
        }
    }
}
