package io.kairos.scheduler.store;

import java.time.InstantSource;

/**
 * What a scheduler hands a job store when it starts it.
 *
 * @param alias the alias the store is registered under, e.g. {@code default}
 * @param schedulerId this scheduler's id; the lease owner the store records (host + process + random by default)
 * @param clock the scheduler's clock; stores read it for lease expiry checks, never the system clock
 * @param codec turns jobs into JSON and back (the persistent format)
 * @param wakeup called, from any thread, when the store learns that a job may have become due earlier than
 *     the scheduler thinks (a PostgreSQL {@code NOTIFY} or Redis message from another instance); must be cheap
 *     and non-blocking
 */
public record JobStoreContext(String alias, String schedulerId, InstantSource clock, JobCodec codec, Runnable wakeup) {
}
