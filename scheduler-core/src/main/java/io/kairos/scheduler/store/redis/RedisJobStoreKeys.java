package io.kairos.scheduler.store.redis;

import java.util.List;
import java.util.Objects;

/**
 * The Redis key names a {@link RedisJobStore} uses, and its wake-up channel. Immutable and thread-safe.
 *
 * <p>The layout extends APScheduler 3's {@code RedisJobStore} (a hash of jobs plus a sorted set of run times)
 * with leases, versions and broken-job reasons. Every key holds one entry per job, keyed by job id:
 * <table>
 * <caption>Keys (defaults for the prefix {@code kairos.})</caption>
 * <tr><th>component</th><th>default</th><th>type</th><th>field or member → value or score</th></tr>
 * <tr><td>jobs</td><td>{@code kairos.jobs}</td><td>HASH</td><td>job id → the job codec's JSON, as written by
 *     add and update (never rewritten by the store)</td></tr>
 * <tr><td>runTimes</td><td>{@code kairos.run_times}</td><td>ZSET</td><td>job id → next run time, epoch
 *     milliseconds; paused and broken jobs are absent</td></tr>
 * <tr><td>fireTimes</td><td>{@code kairos.fire_times}</td><td>HASH</td><td>job id → un-jittered next fire
 *     time, epoch milliseconds; absent when there is none, or when it equals the next run time (a scheduled
 *     job without an entry fires at its run time)</td></tr>
 * <tr><td>versions</td><td>{@code kairos.versions}</td><td>HASH</td><td>job id → version (integer, + 1 on
 *     every write); absent for a job at version 1 (a new job)</td></tr>
 * <tr><td>leases</td><td>{@code kairos.leases}</td><td>ZSET</td><td>job id → lease expiry, epoch
 *     milliseconds</td></tr>
 * <tr><td>leaseOwners</td><td>{@code kairos.lease_owners}</td><td>HASH</td><td>job id → scheduler id of
 *     the lease holder</td></tr>
 * <tr><td>broken</td><td>{@code kairos.broken}</td><td>HASH</td><td>job id → why the job is broken; absent
 *     for readable jobs</td></tr>
 * <tr><td>wakeupChannel</td><td>{@code kairos.wakeup}</td><td>pub/sub channel</td><td>message = the
 *     publishing scheduler's id</td></tr>
 * <tr><td>finished</td><td>{@code kairos.finished}</td><td>ZSET</td><td>job id → when the job finished, epoch
 *     milliseconds, for the {@code FINISHED} markers (their JSON stays in jobs)</td></tr>
 * <tr><td>ids</td><td>{@code kairos.ids}</td><td>ZSET</td><td>job id → 0: every field of jobs (markers too), so that
 *     listings page through ids in order with {@code ZRANGEBYLEX}; a store that starts on keys written before it
 *     existed fills it</td></tr>
 * </table>
 *
 * <p>The time columns (run times, fire times, versions, broken reasons) override what the JSON says.
 * For Redis Cluster every key must hash to one slot (the store's Lua scripts touch them all): use a hash
 * tag in the prefix, e.g. {@code {kairos}.}.
 *
 * @param jobs the jobs hash
 * @param runTimes the run times sorted set
 * @param fireTimes the fire times hash
 * @param versions the versions hash
 * @param leases the lease expiry sorted set
 * @param leaseOwners the lease owners hash
 * @param broken the broken reasons hash
 * @param wakeupChannel the pub/sub channel for remote wake-ups
 * @param finished the finished markers sorted set
 * @param ids the id index sorted set
 */
public record RedisJobStoreKeys(String jobs, String runTimes, String fireTimes, String versions, String leases,
        String leaseOwners, String broken, String wakeupChannel, String finished, String ids) {

    /** The default key prefix. */
    public static final String DEFAULT_PREFIX = "kairos.";

    /**
     * Checks that every name is non-blank and the keys are distinct.
     *
     * @throws IllegalArgumentException naming the component that is blank or reused
     */
    public RedisJobStoreKeys {
        List<String> names = List.of("jobs", "runTimes", "fireTimes", "versions", "leases", "leaseOwners", "broken",
                "wakeupChannel", "finished", "ids");
        List<String> values = java.util.Arrays.asList(jobs, runTimes, fireTimes, versions, leases, leaseOwners, broken,
                wakeupChannel, finished, ids);
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Redis job store key '" + names.get(i) + "' must be a non-blank name, got '"
                        + value + "'");
            }
            String other = seen.putIfAbsent(value, names.get(i));
            if (other != null && !names.get(i).equals("wakeupChannel")) {
                throw new IllegalArgumentException("Redis job store keys '" + other + "' and '" + names.get(i)
                        + "' must differ, both are '" + value + "'");
            }
        }
    }

    /**
     * Keys whose id index is named after the jobs hash ({@code <jobs>.ids}).
     *
     * @param jobs the jobs hash
     * @param runTimes the run times sorted set
     * @param fireTimes the fire times hash
     * @param versions the versions hash
     * @param leases the lease expiry sorted set
     * @param leaseOwners the lease owners hash
     * @param broken the broken reasons hash
     * @param wakeupChannel the pub/sub channel for remote wake-ups
     * @param finished the finished markers sorted set
     */
    public RedisJobStoreKeys(String jobs, String runTimes, String fireTimes, String versions, String leases, String leaseOwners,
            String broken, String wakeupChannel, String finished) {
        this(jobs, runTimes, fireTimes, versions, leases, leaseOwners, broken, wakeupChannel, finished, jobs + ".ids");
    }

    /**
     * Keys whose finished markers set is named after the jobs hash ({@code <jobs>.finished}).
     *
     * @param jobs the jobs hash
     * @param runTimes the run times sorted set
     * @param fireTimes the fire times hash
     * @param versions the versions hash
     * @param leases the lease expiry sorted set
     * @param leaseOwners the lease owners hash
     * @param broken the broken reasons hash
     * @param wakeupChannel the pub/sub channel for remote wake-ups
     */
    public RedisJobStoreKeys(String jobs, String runTimes, String fireTimes, String versions, String leases, String leaseOwners,
            String broken, String wakeupChannel) {
        this(jobs, runTimes, fireTimes, versions, leases, leaseOwners, broken, wakeupChannel, jobs + ".finished", jobs + ".ids");
    }

    /**
     * The default keys: {@code kairos.jobs}, {@code kairos.run_times}, ... and channel {@code kairos.wakeup}.
     *
     * @return the keys
     */
    public static RedisJobStoreKeys defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }

    /**
     * Keys named {@code prefix + "jobs"}, {@code prefix + "run_times"}, {@code prefix + "fire_times"},
     * {@code prefix + "versions"}, {@code prefix + "leases"}, {@code prefix + "lease_owners"},
     * {@code prefix + "broken"}, {@code prefix + "finished"}, {@code prefix + "ids"} and channel {@code prefix + "wakeup"}.
     *
     * @param prefix the prefix, e.g. {@code kairos.} or {@code {orders}.kairos.}; not {@code null}
     * @return the keys
     */
    public static RedisJobStoreKeys withPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return new RedisJobStoreKeys(prefix + "jobs", prefix + "run_times", prefix + "fire_times", prefix + "versions",
                prefix + "leases", prefix + "lease_owners", prefix + "broken", prefix + "wakeup", prefix + "finished", prefix + "ids");
    }

    /**
     * A copy with another jobs hash name (APScheduler's {@code jobs_key}).
     *
     * @param jobs the new name
     * @return the copy
     */
    public RedisJobStoreKeys withJobs(String jobs) {
        return new RedisJobStoreKeys(jobs, this.runTimes, this.fireTimes, this.versions, this.leases, this.leaseOwners,
                this.broken, this.wakeupChannel, this.finished, this.ids);
    }

    /**
     * A copy with another run times sorted set name (APScheduler's {@code run_times_key}).
     *
     * @param runTimes the new name
     * @return the copy
     */
    public RedisJobStoreKeys withRunTimes(String runTimes) {
        return new RedisJobStoreKeys(this.jobs, runTimes, this.fireTimes, this.versions, this.leases, this.leaseOwners,
                this.broken, this.wakeupChannel, this.finished, this.ids);
    }

    /**
     * The data keys (not the channel), in the order the store's Lua scripts expect them.
     *
     * @return jobs, run times, fire times, versions, leases, lease owners, broken, finished, ids
     */
    String[] all() {
        return new String[] {this.jobs, this.runTimes, this.fireTimes, this.versions, this.leases, this.leaseOwners,
                this.broken, this.finished, this.ids};
    }
}
