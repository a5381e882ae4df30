package io.kairos.scheduler.event;

import java.time.Duration;
import java.time.Instant;

/**
 * A run time that ran past its job's timeout on a thread of this JVM was interrupted (and ended as
 * {@link JobFailed} with a {@code RunTimeoutException}), but its thread is still in the task
 * {@code sinceInterrupt} later: the task ignores interrupts and keeps its thread, its executor slot and its job's
 * max-instances slot until it returns. Published once per such run time, on the executor's watchdog thread.
 * Kairos has no equivalent in APScheduler.
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 * @param scheduledRunTime the run time still running
 * @param executor the alias of the executor whose thread is stuck
 * @param threadName the stuck thread's name
 * @param sinceInterrupt how long ago the thread was interrupted, positive
 */
public record JobStuck(Instant timestamp, String jobId, String jobstore, Instant scheduledRunTime, String executor,
        String threadName, Duration sinceInterrupt) implements JobEvent {
}
