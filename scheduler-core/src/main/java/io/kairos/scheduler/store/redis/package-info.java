/**
 * The Redis job store ({@link io.kairos.scheduler.store.redis.RedisJobStore}, described by
 * {@link io.kairos.scheduler.store.redis.RedisJobStoreBuilder}), shared by any number of schedulers: APScheduler 3's
 * layout (a hash of job JSON, a sorted set of next run times, see
 * {@link io.kairos.scheduler.store.redis.RedisJobStoreKeys}) plus leases, versions and broken-job reasons, each
 * multi-key operation one Lua script, and wake-ups over a pub/sub channel. Lettuce is an optional dependency of the
 * core.
 */
@NullMarked
package io.kairos.scheduler.store.redis;

import org.jspecify.annotations.NullMarked;
