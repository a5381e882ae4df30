package io.kairos.scheduler.dashboard;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kairos.scheduler.Job;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.trigger.Trigger;
import io.kairos.scheduler.trigger.TriggerSpec;

/**
 * The next fire times of a job, for its detail view. Stateless.
 */
final class JobViews {

    /** How many next fire times a job detail shows. */
    static final int FIRE_TIMES = 10;

    private JobViews() {
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
}
