package io.kairos.scheduler.event;

import java.time.Instant;

/**
 * A job was marked broken because it could not be loaded or run: its task or executor is unknown, its trigger threw,
 * or its stored data cannot be read (malformed JSON, an unknown trigger type, a newer format; published when the
 * scheduler acquires it). It is kept, never deleted. No APScheduler 3 equivalent (3.x deletes such jobs).
 *
 * @param timestamp when the event happened, from the scheduler's clock
 * @param jobId the job's id
 * @param jobstore the alias of the job's store
 * @param reason why the job is broken
 */
public record JobBroken(Instant timestamp, String jobId, String jobstore, String reason) implements JobEvent {
}
