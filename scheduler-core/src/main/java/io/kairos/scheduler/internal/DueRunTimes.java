package io.kairos.scheduler.internal;

import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.trigger.DateTrigger;
import io.kairos.scheduler.trigger.Trigger;
import io.kairos.scheduler.trigger.Zones;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands a due job's run times (APScheduler 3's {@code Job._get_run_times}): from its next run time, iterate
 * the trigger up to now; with coalescing keep only the latest. Also yields the next run time after now
 * (jittered). Pure apart from the jitter's randomness. A coalescing job goes straight to its latest missed fire
 * time ({@link Trigger#latestFireTimeAtOrBefore}: a few steps for interval and cron triggers, however many fire
 * times were missed); a job that keeps every missed run time steps through them (as APScheduler 3).
 *
 * @param runTimes the due run times, earliest first, never empty
 * @param next the next fire time after now with its jittered run time, or {@code null} when the trigger is
 *     finished
 */
record DueRunTimes(List<Instant> runTimes, FireTimes.@Nullable Next next) {

    private static final Logger logger = LoggerFactory.getLogger(DueRunTimes.class);

    /**
     * Expands the run times.
     *
     * @param job the job (trigger, coalesce, jitter)
     * @param nextRunTime its due next run time (jitter included)
     * @param nextFireTime the un-jittered fire time behind it
     * @param now the current time
     * @param fireTimes applies jitter to the next fire time
     * @return the due run times and the next run time
     */
    static DueRunTimes expand(StoredJob job, Instant nextRunTime, Instant nextFireTime, Instant now, FireTimes fireTimes) {
        Trigger trigger = Objects.requireNonNull(job.trigger(), "an acquired job is scheduled, so it has a trigger");
        if (trigger instanceof DateTrigger) {
            // fires once: nothing follows its only fire time (what the loop below finds, without zoned date-times)
            return new DueRunTimes(List.of(nextRunTime), null);
        }
        ZoneId zone = trigger.timezone();
        ZonedDateTime nowInZone = Zones.atZone(now, zone);
        List<Instant> runTimes = new ArrayList<>();
        runTimes.add(nextRunTime);
        Instant fire = nextFireTime;
        while (true) {
            Optional<ZonedDateTime> following = trigger.nextFireTime(Zones.atZone(fire, zone), nowInZone);
            if (following.isEmpty()) {
                return new DueRunTimes(runTimes, null);
            }
            Instant followingInstant = following.get().toInstant();
            if (followingInstant.isAfter(now)) {
                return new DueRunTimes(runTimes, fireTimes.jittered(trigger, job.jitter(), following.get()));
            }
            if (!followingInstant.isAfter(fire)) {
                logger.error("Trigger {} of job '{}' did not advance past {}; the job is treated as finished", trigger, job.id(), fire);
                return new DueRunTimes(runTimes, null);
            }
            if (job.coalesce()) {
                // a fire time was missed: straight to the latest one, the only one a coalescing job runs (a few
                // steps for interval and cron triggers, however many were missed); nothing extra when none was
                followingInstant = trigger.latestFireTimeAtOrBefore(following.get(), nowInZone).toInstant();
                runTimes.set(0, followingInstant);
            }
            else {
                runTimes.add(followingInstant);
            }
            fire = followingInstant;
        }
    }
}
