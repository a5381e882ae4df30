package io.kairos.scheduler.internal;

import io.kairos.scheduler.retry.RetryPolicy;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.trigger.Jitter;
import io.kairos.scheduler.trigger.Trigger;
import io.kairos.scheduler.trigger.Zones;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Computes next run times from triggers: the un-jittered fire time and the run time with jitter (the job's
 * jitter when set, else the trigger's), never past the trigger's end date. Thread-safe when the random
 * generator is.
 *
 * @param random the jitter's randomness
 */
public record FireTimes(RandomGenerator random) {

    /**
     * A next fire time with its jittered run time.
     *
     * @param runTime when the job is due (jitter included)
     * @param fireTime the trigger's fire time behind it
     */
    public record Next(Instant runTime, Instant fireTime) {
    }

    /**
     * The trigger's fire time after {@code previousFireTime}, jittered.
     *
     * @param trigger the trigger
     * @param jobJitter the job's jitter, or {@code null} for the trigger's
     * @param previousFireTime the previous un-jittered fire time, or {@code null} for the first
     * @param now the current time
     * @return the next times, or empty when the trigger is finished
     */
    public Optional<Next> next(Trigger trigger, Duration jobJitter, Instant previousFireTime, Instant now) {
        ZonedDateTime previous = previousFireTime == null ? null : Zones.atZone(previousFireTime, trigger.timezone());
        Optional<ZonedDateTime> fire = trigger.nextFireTime(previous, Zones.atZone(now, trigger.timezone()));
        if (fire.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(jittered(trigger, jobJitter, fire.get()));
    }

    /**
     * Applies jitter to a fire time.
     *
     * @param trigger the trigger that produced the fire time
     * @param jobJitter the job's jitter, or {@code null} for the trigger's
     * @param fire the un-jittered fire time
     * @return the fire time with its jittered run time, never past the trigger's end date
     */
    public Next jittered(Trigger trigger, Duration jobJitter, ZonedDateTime fire) {
        Duration jitter = jobJitter != null ? jobJitter : trigger.jitter();
        ZonedDateTime run = Jitter.apply(fire, jitter, trigger.endDate(), this.random);
        Instant fireTime = fire.toInstant();
        // without jitter the job keeps one Instant for both times
        return new Next(run == fire ? fireTime : run.toInstant(), fireTime);
    }

    /**
     * The un-jittered fire time a stored job's next run time came from.
     *
     * @param job a scheduled job
     * @return its next fire time, or its next run time when the store did not keep the fire time
     */
    public static Instant fireTimeOf(StoredJob job) {
        return job.nextFireTime() != null ? job.nextFireTime() : job.nextRunTime();
    }

    /**
     * The delay before a retry, with the policy's jitter drawn from this generator.
     *
     * @param policy the job's retry policy
     * @param attempt the attempt about to be scheduled, at least 2
     * @return the delay
     */
    public Duration retryDelay(RetryPolicy policy, int attempt) {
        synchronized (this.random) {
            return policy.delayBefore(attempt, this.random);
        }
    }
}
