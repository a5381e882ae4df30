package io.kairos.scheduler.store.redis;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobAddBatches;
import io.kairos.scheduler.store.JobAddOutcome;
import io.kairos.scheduler.store.JobCounts;
import io.kairos.scheduler.store.JobOrder;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.LeaseArguments;
import io.kairos.scheduler.store.LeaseHolder;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.StoredJobPage;
import io.kairos.scheduler.store.redis.RedisJobRows.Row;
import io.lettuce.core.Limit;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link JobStore} in Redis, shared by any number of schedulers: APScheduler 3's {@code RedisJobStore}
 * layout (a hash of job JSON, a sorted set of next run times) plus leases, versions and broken-job reasons,
 * see {@link RedisJobStoreKeys}. Every operation that reads or writes more than one key is a Lua script
 * ({@code EVALSHA}, falling back to {@code EVAL}), so it is atomic: {@link #acquireDueJobs} is one script call
 * per batch, {@link #releaseJobs} and {@link #extendLeases} too, and {@link #nextRunTime} right after those
 * two makes no call at all. Each script issues a few Redis commands per batch, not per job. Talks to Redis
 * through Lettuce. Needs Redis 6.2 or later.
 *
 * <p>Differences from APScheduler 3: jobs are JSON (the {@link io.kairos.scheduler.store.JobCodec}'s), never
 * pickles; times are epoch milliseconds (APScheduler: float seconds), so instants are kept at millisecond
 * precision; a job that cannot be read is kept and marked broken (reason in the {@code broken} hash, JSON
 * untouched) instead of deleted; several schedulers may share the store.
 *
 * <p>Remote wake-up: after an add or update that makes a job due before the store's next run time, or a release
 * that reschedules a job to before its lease expiry, the scripts publish this scheduler's id on the wake-up
 * channel (no other change makes a job acquirable earlier than the next run time a scheduler last read); every store subscribed to it (on
 * its own connection, re-subscribed by Lettuce after a reconnect) calls {@link JobStoreContext#wakeup()}. The store
 * also calls it each time its command connection is connected again after a loss, so a scheduler backing off after
 * an outage tries again as soon as Redis answers.
 *
 * <p>Connections: created from the given {@link RedisClient} (which the store never shuts down) or from a
 * client the store creates for a URI (shut down by {@link #shutdown()}; it reconnects at most
 * {@link RedisJobStoreBuilder#maxReconnectDelay} apart, default {@value #DEFAULT_MAX_RECONNECT_DELAY_MILLIS} ms). Both connections are closed by
 * {@link #shutdown()}. Every command times out after {@link RedisJobStoreBuilder#commandTimeout} (default
 * {@value #DEFAULT_TIMEOUT_SECONDS} s); a Redis failure or timeout surfaces as {@link JobStoreException}.
 * Thread-safe once started.
 */
public final class RedisJobStore implements JobStore {

    /** The most due jobs {@link #countDueWithoutExecutor} looks at. */
    static final int WAITING_SCAN_LIMIT = 1000;

    /** The default command timeout, in seconds. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 5;

    /** The most {@code put.lua} calls {@link #addJobBatches} keeps sent and not yet answered. */
    static final int PUT_PIPELINE_DEPTH = 3;

    /** The default longest delay between reconnect attempts of a client the store creates, in milliseconds. */
    public static final long DEFAULT_MAX_RECONNECT_DELAY_MILLIS = 1000;

    private static final Logger logger = LoggerFactory.getLogger(RedisJobStore.class);

    private static final Comparator<StoredJob> LISTING_ORDER = Comparator
            .comparing((StoredJob job) -> job.nextRunTime() == null)
            .thenComparing(StoredJob::nextRunTime, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(StoredJob::id);

    private final @Nullable RedisClient client;

    private final @Nullable RedisURI uri;

    /** {@code host:port} of Redis, for error messages; {@code null} when a client was given without it. */
    private final @Nullable String address;

    private final RedisJobStoreKeys keys;

    private final String[] keyArray;

    private final Duration commandTimeout;

    private final Duration maxReconnectDelay;

    private final RedisScripts scripts = new RedisScripts();

    private final RedisNextRunTimes nextRunTimes = new RedisNextRunTimes();

    private volatile @Nullable JobStoreContext context;

    private volatile @Nullable RedisJobRows rows;

    private volatile @Nullable RedisConnections connections;

    private final RedisRunHistory history;

    RedisJobStore(@Nullable RedisClient client, @Nullable RedisURI uri, @Nullable String address, RedisJobStoreKeys keys,
            Duration commandTimeout, Duration maxReconnectDelay) {
        this.client = client;
        this.uri = uri;
        this.address = address;
        this.keys = keys;
        this.keyArray = keys.all();
        this.commandTimeout = commandTimeout;
        this.maxReconnectDelay = maxReconnectDelay;
        this.history = new RedisRunHistory(keys.jobs() + ":", this::run);
    }

    /**
     * The run history, under keys that start with {@code <jobs key>:runs} (see {@link RedisRunHistory}): a hash of
     * records and sorted sets per job, per outcome and in total, written by one Lua script per batch.
     *
     * @return the history
     */
    @Override
    public io.kairos.scheduler.history.RunHistory runHistory() {
        return this.history;
    }

    /**
     * Starts describing a store.
     *
     * @return a builder
     */
    public static RedisJobStoreBuilder builder() {
        return new RedisJobStoreBuilder();
    }

    /**
     * Connects (two connections: commands, and the wake-up subscription) and subscribes to the wake-up
     * channel. After a failed start, or after {@link #shutdown()}, it may be called again.
     *
     * @param context the scheduler's alias for this store, its id, clock, codec and wake-up callback
     * @throws IllegalStateException when the store is already started
     * @throws RedisUnreachableException when Redis cannot be reached (nothing stays open)
     */
    @Override
    public synchronized void start(JobStoreContext context) {
        Objects.requireNonNull(context, "context");
        if (this.connections != null) {
            throw new IllegalStateException("Redis job store '" + context.alias() + "' is already started");
        }
        Runnable wakeup = context.wakeup();
        RedisWakeupSubscriber subscriber = new RedisWakeupSubscriber(this.keys.wakeupChannel(), context.schedulerId(), () -> {
            this.nextRunTimes.change();
            wakeup.run();
        });
        this.context = context;
        this.rows = new RedisJobRows(context.codec(), context.alias());
        try {
            this.connections = RedisConnections.open(this.client, this.uri, this.commandTimeout, this.maxReconnectDelay,
                    subscriber, wakeup);
        }
        catch (RedisException ex) {
            throw new RedisUnreachableException(context.alias(), this.address, ex);
        }
        indexIds();
    }

    /** The most ids {@link #indexIds} reads and writes per round trip. */
    private static final int INDEX_BATCH = 1000;

    /**
     * Fills the id index from the jobs hash when it holds fewer ids (keys written before the index existed): a walk
     * of the hash with {@code HSCAN}, 1,000 fields per step, each step's ids added with one {@code ZADD}. Adding an
     * id twice is harmless, and writes made meanwhile keep the index themselves.
     */
    private void indexIds() {
        run("index job ids", (redis) -> {
            if (redis.zcard(this.keys.ids()) >= redis.hlen(this.keys.jobs())) {
                return null;
            }
            logger.info("Redis job store '{}': indexing the ids of {} for paged listings", context().alias(), this.keys.jobs());
            ScanCursor cursor = ScanCursor.INITIAL;
            ScanArgs batch = ScanArgs.Builder.limit(INDEX_BATCH);
            do {
                MapScanCursor<String, String> step = redis.hscan(this.keys.jobs(), cursor, batch);
                if (!step.getMap().isEmpty()) {
                    redis.zadd(this.keys.ids(), step.getMap().keySet().stream().map((id) -> ScoredValue.just(0, id))
                            .toArray(ScoredValue[]::new));
                }
                cursor = step;
            }
            while (!cursor.isFinished());
            return null;
        });
    }

    /**
     * Unsubscribes and closes both connections; shuts the client down only when the store created it from a
     * URI. Jobs are kept. Does nothing when not started.
     */
    @Override
    public synchronized void shutdown() {
        RedisConnections open = this.connections;
        this.connections = null;
        if (open != null) {
            open.close();
        }
    }

    /**
     * Always {@code true}: any number of schedulers may share one Redis store.
     *
     * @return {@code true}
     */
    @Override
    public boolean isShared() {
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code put.lua} call: writes the JSON, the run time (absent when paused or broken), the fire time
     * (absent when it equals the run time), the broken reason, and the version (1, kept as no entry, or the replaced
     * job's + 1); keeps a lease on a replaced job.
     * Publishes a wake-up only when the job runs earlier than the store's next run time before the write: no
     * scheduler waits past that time (see {@link #nextRunTime()}), so a burst of jobs due at or after what is
     * already due wakes nobody.
     *
     * @throws IllegalArgumentException when the codec cannot write the job (e.g. a non-JSON argument)
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public StoredJob addJob(StoredJob job, ConflictPolicy policy) {
        return put(job, mode(policy));
    }

    /**
     * {@inheritDoc}
     *
     * <p>As {@link #addJob} with the job required to exist; a broken reason stored for an unreadable entry is
     * cleared unless the new job is itself broken.
     *
     * @throws IllegalArgumentException when the codec cannot write the job
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public StoredJob updateJob(StoredJob job) {
        return put(job, "update");
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code put.lua} call for the whole list, as {@link #addJob} for each job, publishing at most one
     * wake-up. The script runs atomically: when Redis fails, no job of the list was written.
     *
     * @throws JobStoreException when Redis fails or times out (after a timeout the script may still run)
     */
    @Override
    public List<JobAddOutcome> addJobs(List<StoredJob> jobs, ConflictPolicy policy) {
        JobAddOutcome.requireDistinctIds(jobs);
        return putAll(jobs, mode(policy));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Pipelined: one {@code put.lua} call per batch, as {@link #addJobs(List, ConflictPolicy)}, with up to
     * {@value #PUT_PIPELINE_DEPTH} calls sent and not yet answered on the command connection. The next batch is taken
     * and encoded while Redis runs the earlier ones, so the client's work and the server's overlap instead of adding
     * up. Redis runs the calls in the order they were sent, each atomically. Each batch's reply is waited for in turn
     * (up to the command timeout each) and reported with its own outcomes. Once a batch failed, no further batch is
     * taken or sent; the batches already sent (at most {@value #PUT_PIPELINE_DEPTH} − 1 more) are still waited for and
     * reported as Redis answered them: written, or failed on their own. A batch whose reply did not come (a timeout,
     * the connection lost) is reported failed with the {@link JobStoreException}, and may have been written or not,
     * as for one {@link #addJobs(List, ConflictPolicy)} call that times out. When Redis no longer knows the script
     * (after a restart or {@code SCRIPT FLUSH}), a batch is sent again with {@code EVAL} once its {@code NOSCRIPT}
     * error is read, so a later batch may then run before it; the batches of one call never share an id, so their
     * outcomes are the same in either order.
     */
    @Override
    public void addJobBatches(JobAddBatches batches, ConflictPolicy policy) {
        String mode = mode(policy);
        Deque<SentPut> inFlight = new ArrayDeque<>(PUT_PIPELINE_DEPTH);
        boolean taking = true;
        while (true) {
            if (taking && inFlight.size() < PUT_PIPELINE_DEPTH) {
                List<StoredJob> batch = batches.next();
                if (batch != null) {
                    inFlight.addLast(sendPut(batch, mode));
                    continue;
                }
                taking = false;
            }
            SentPut oldest = inFlight.pollFirst();
            if (oldest == null) {
                return;
            }
            List<JobAddOutcome> outcomes;
            try {
                outcomes = outcomes(oldest);
            }
            catch (RuntimeException ex) {
                outcomes = JobAddOutcome.allFailed(oldest.put().size(), ex);
            }
            batches.written(outcomes);
            taking &= JobAddOutcome.storeFailure(outcomes) == null;
        }
    }

    private static String mode(ConflictPolicy policy) {
        return switch (Objects.requireNonNull(policy, "policy")) {
            case ERROR -> "error";
            case KEEP_EXISTING -> "keep";
            case REPLACE -> "replace";
        };
    }

    private StoredJob put(StoredJob job, String mode) {
        Objects.requireNonNull(job, "job");
        JobAddOutcome outcome = putAll(List.of(job), mode).get(0);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return Objects.requireNonNull(outcome.stored(), "an outcome without failure holds the job");
    }

    private List<JobAddOutcome> putAll(List<StoredJob> jobs, String mode) {
        return outcomes(sendPut(jobs, mode));
    }

    /**
     * Encodes the jobs and sends their {@code put.lua} call without waiting for the reply; a failure to send is kept
     * for {@link #outcomes}, so that it is reported in the order of the calls.
     */
    private SentPut sendPut(List<StoredJob> jobs, String mode) {
        RedisPut put = RedisPut.encode(jobs, mode, this.keys.wakeupChannel(), context().schedulerId(), context().codec());
        if (!put.sends()) {
            return new SentPut(put, null, null);
        }
        try {
            RedisConnections open = open(put.what());
            this.nextRunTimes.change();
            return new SentPut(put, translate(put.what(), () -> this.scripts.put.<List<Object>>send(open.asyncCommands(),
                    ScriptOutputType.MULTI, this.keyArray, put.args())), null);
        }
        catch (RuntimeException ex) {
            return new SentPut(put, null, ex);
        }
    }

    /** Waits for a sent {@code put.lua} call's reply and reads it into one outcome per job. */
    private List<JobAddOutcome> outcomes(SentPut sent) {
        RuntimeException unsent = sent.unsent();
        if (unsent != null) {
            throw unsent;
        }
        LuaScript.Sent<List<Object>> reply = sent.reply();
        List<Object> replies = List.of();
        if (reply != null) {
            try {
                replies = translate(sent.put().what(), () -> reply.await(this.commandTimeout));
            }
            finally {
                this.nextRunTimes.change();
            }
        }
        return sent.put().outcomes(replies, context().alias(), this::read);
    }

    /**
     * A {@code put.lua} call: its jobs, and the reply to wait for ({@code null} when no job was sent) or the
     * failure that kept it from being sent.
     */
    private record SentPut(RedisPut put, LuaScript.@Nullable Sent<List<Object>> reply, @Nullable RuntimeException unsent) {
    }

    /**
     * {@inheritDoc}
     *
     * <p>Also drops the job's lease, so its holder's later release is ignored.
     *
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public boolean removeJob(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        Long removed = call("remove job '" + jobId + "'",
                redis -> this.scripts.remove.run(redis, ScriptOutputType.INTEGER, this.keyArray, jobId));
        return removed == 1L;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Deletes the store's eight keys in one {@code DEL}; other keys in the database are left alone.
     *
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public void removeAllJobs() {
        call("remove all jobs", redis -> redis.del(this.keyArray));
    }

    /**
     * {@inheritDoc}
     *
     * <p>A job whose JSON cannot be decoded is returned as broken, and marked broken in Redis.
     *
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public Optional<StoredJob> lookupJob(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return readRows("look up job '" + jobId + "'", jobId).stream().findFirst();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads every job in one script call; jobs whose JSON cannot be decoded are listed as broken and
     * marked broken in Redis.
     *
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public List<StoredJob> getAllJobs() {
        List<StoredJob> jobs = readRows("list jobs");
        jobs.sort(LISTING_ORDER);
        return jobs;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Two calls: {@code ZRANGEBYLEX} on the id index ({@code (cursor} to {@code +}, {@code LIMIT 0 limit+1}:
     * O(log n + limit) in Redis), then {@code read.lua} for the page's ids. Ids compare as Redis compares bytes
     * (UTF-8), which is {@link String#compareTo} order for ids without characters beyond U+FFFF. Ids whose job was
     * removed between the two calls, and finished markers, are skipped.
     *
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public StoredJobPage listJobs(JobQuery query) {
        Range<String> range = query.cursor() == null ? Range.unbounded()
                : Range.from(Range.Boundary.excluding(query.cursor()),
                        Range.Boundary.unbounded());
        Limit window = Limit.create(0, query.limit() + 1L);
        List<String> ids = run("list a page of job ids", (redis) -> redis.zrangebylex(this.keys.ids(), range, window));
        List<String> pageIds = ids.subList(0, Math.min(ids.size(), query.limit()));
        List<StoredJob> jobs = pageIds.isEmpty() ? List.of() : readRows("list a page of jobs", pageIds.toArray(String[]::new));
        return new StoredJobPage(jobs.stream().filter(query::matches).toList(),
                ids.size() > query.limit() ? pageIds.get(pageIds.size() - 1) : null);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Walks {@code run_times} in order to its first unleased member, then adds the leases that expire before
     * that member's run time ({@code next.lua}), so it reads few members unless many early jobs are leased. Called
     * on the thread that has
     * just acquired or released jobs, with nothing else in between, it makes no call: those scripts computed the
     * answer at their end (see {@link RedisNextRunTimes}).
     *
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public Optional<Instant> nextRunTime() {
        Optional<Instant> known = this.nextRunTimes.take();
        if (known != null) {
            return known;
        }
        List<Object> reply = call("find the next run time",
                redis -> this.scripts.nextRunTime.run(redis, ScriptOutputType.MULTI, this.keyArray));
        return reply.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli((Long) reply.get(0)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code acquire.lua} call, atomic across every scheduler sharing the keys. A lease is expired when
     * its expiry is at or before {@code now}. All instants are taken at millisecond precision.
     *
     * @throws IllegalArgumentException when {@code limit < 1} or {@code leaseUntil} is not after {@code now}
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public List<StoredJob> acquireDueJobs(String schedulerId, Instant now, int limit, Instant leaseUntil) {
        return acquire(schedulerId, now, limit, leaseUntil, Set.of());
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code acquire.lua} reads the executor from each due job's JSON and skips the others' (paging on through the
     * due jobs: each skipped job costs one JSON decode).
     *
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public List<StoredJob> acquireDueJobs(String schedulerId, Instant now, int limit, Instant leaseUntil, Set<String> executors) {
        if (executors.isEmpty()) {
            throw new IllegalArgumentException("executors must not be empty");
        }
        return acquire(schedulerId, now, limit, leaseUntil, executors);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code count_waiting.lua} over the earliest {@value #WAITING_SCAN_LIMIT} due jobs.
     *
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public Map<String, Integer> countDueWithoutExecutor(Instant dueBefore, Set<String> executors) {
        List<String> args = new ArrayList<>(executors.size() + 3);
        args.add(RedisJobRows.millis(dueBefore));
        args.add(Integer.toString(WAITING_SCAN_LIMIT));
        args.add(Long.toString(context().clock().millis()));
        args.addAll(executors);
        List<Object> reply = call("count jobs waiting for an executor", redis -> this.scripts.countWaiting.run(redis,
                ScriptOutputType.MULTI, this.keyArray, args.toArray(String[]::new)));
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            counts.put(String.valueOf(reply.get(i)), ((Number) reply.get(i + 1)).intValue());
        }
        return counts;
    }

    private List<StoredJob> acquire(String schedulerId, Instant now, int limit, Instant leaseUntil, Set<String> executors) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        LeaseArguments.check(now, limit, leaseUntil);
        List<String> args = new ArrayList<>(4 + executors.size());
        args.add(RedisJobRows.millis(now));
        args.add(Integer.toString(limit));
        args.add(RedisJobRows.millis(leaseUntil));
        args.add(schedulerId);
        args.addAll(executors);
        long begun = this.nextRunTimes.change();
        List<Object> reply = runComputingNext("acquire due jobs", redis -> this.scripts.acquire.run(redis, ScriptOutputType.MULTI,
                this.keyArray, args.toArray(String[]::new)));
        this.nextRunTimes.end(begun, RedisNextRunTimes.parse(reply.get(0)));
        RedisJobRows.Decoded decoded = rows().decode(RedisJobRows.rows(reply.subList(1, reply.size()),
                RedisJobRows.ACQUIRE_WIDTH));
        markBroken(decoded.unreadable());
        return JobOrder.forListing(decoded.jobs());
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code extend.lua} call, which returns the ids it did not extend; an empty collection makes no call.
     *
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public Set<String> extendLeases(String schedulerId, Collection<String> jobIds, Instant leaseUntil) {
        if (!LeaseArguments.checkExtension(schedulerId, jobIds, leaseUntil)) {
            return new HashSet<>();
        }
        Set<String> lost = new HashSet<>();
        List<String> args = new ArrayList<>(jobIds.size() + 2);
        args.add(schedulerId);
        args.add(RedisJobRows.millis(leaseUntil));
        args.addAll(jobIds);
        List<Object> reply = call("extend leases", redis -> this.scripts.extend.run(redis, ScriptOutputType.MULTI, this.keyArray,
                args.toArray(String[]::new)));
        for (Object id : reply) {
            lost.add((String) id);
        }
        return lost;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code release.lua} call for the whole batch; an empty list makes no call. The script answers one letter
     * per release ({@code W} when its conditional write applied): a release setting a retry without {@code W} is
     * reported. Publishes a wake-up
     * when a rescheduled job now runs before the expiry of the lease it had (other schedulers may be waiting
     * for that expiry).
     *
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public Set<String> releaseJobs(String schedulerId, List<JobRelease> releases) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        Set<String> retriesNotWritten = new HashSet<>();
        if (releases.isEmpty()) {
            return retriesNotWritten;
        }
        List<String> args = new ArrayList<>(releases.size() * 6 + 2);
        args.add(schedulerId);
        args.add(this.keys.wakeupChannel());
        String finishedAt = Long.toString(context().clock().millis());
        for (JobRelease release : releases) {
            args.add(release.jobId());
            args.add(Long.toString(release.acquiredVersion()));
            args.add(release.remove() ? (release.keepMarker() ? "F" : "R") : release.nextRunTime() == null ? "P" : "S");
            args.add(release.remove() ? (release.keepMarker() ? finishedAt : "") : RedisJobRows.millis(release.nextRunTime()));
            args.add(release.remove() || release.nextRunTime() == null ? "" : RedisJobRows.millis(release.nextFireTime()));
            args.add(release.retryChange() == null || release.remove() || release.nextRunTime() == null ? ""
                    : context().codec().encode(release.retryChange()));
        }
        long begun = this.nextRunTimes.change();
        List<Object> reply = runComputingNext("release jobs", redis -> this.scripts.release.run(redis, ScriptOutputType.MULTI,
                this.keyArray, args.toArray(String[]::new)));
        this.nextRunTimes.end(begun, RedisNextRunTimes.parse(reply.get(1)));
        String outcome = (String) reply.get(0);
        for (int i = 0; i < releases.size(); i++) {
            // the script answers one letter per release: 'W' when its conditional write applied
            boolean written = i < outcome.length() && outcome.charAt(i) == 'W';
            if (!written && releases.get(i).setsRetry()) {
                retriesNotWritten.add(releases.get(i).jobId());
            }
            if (!written && logger.isDebugEnabled()) {
                logger.debug("Release of job '{}' by {} in Redis job store '{}': {}", releases.get(i).jobId(), schedulerId,
                        context().alias(), i < outcome.length() && outcome.charAt(i) == 'L'
                                ? "changed meanwhile, only the lease was dropped" : "lease not held, ignored");
            }
        }
        return retriesNotWritten;
    }

    private List<StoredJob> readRows(String what, String... ids) {
        return read(readReply(what, "jobs", ids));
    }

    private List<Row> readReply(String what, String kind, String... ids) {
        String[] args = new String[ids.length + 1];
        args[0] = kind;
        System.arraycopy(ids, 0, args, 1, ids.length);
        List<Object> reply = call(what, redis -> this.scripts.read.run(redis, ScriptOutputType.MULTI, this.keyArray, args));
        return RedisJobRows.rows(reply, RedisJobRows.READ_WIDTH);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A marker's JSON is the finished job's, kept in the jobs hash; its id is in the {@code finished} set.
     *
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public Optional<StoredJob> lookupFinished(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        List<StoredJob> found = rows().decode(readReply("look up finished job '" + jobId + "'", "finished", jobId)).jobs();
        return found.stream().findFirst().map(StoredJob::asFinished);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code remove_finished.lua} calls of at most 1,000 markers each, until none is left to remove.
     *
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public int removeFinishedMarkers(Instant finishedBefore) {
        String before = Objects.requireNonNull(RedisJobRows.millis(finishedBefore));
        int total = 0;
        long removed;
        do {
            removed = call("remove finished markers", redis -> this.scripts.removeFinished.run(redis, ScriptOutputType.INTEGER,
                    this.keyArray, before));
            total += (int) removed;
        }
        while (removed >= 1000);
        return total;
    }

    private List<StoredJob> read(List<Row> rowList) {
        RedisJobRows.Decoded decoded = rows().decode(rowList);
        markBroken(decoded.unreadable());
        return new ArrayList<>(decoded.jobs());
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code mark_broken.lua} call (conditional on the version; the job's JSON is left as it is, the reason
     * goes to the broken hash).
     *
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public boolean markBroken(String schedulerId, String jobId, long expectedVersion, String reason) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        Objects.requireNonNull(reason, "reason");
        Long marked = call("mark job " + jobId + " broken", redis -> this.scripts.markBroken.run(redis, ScriptOutputType.INTEGER,
                this.keyArray, schedulerId, jobId, Long.toString(expectedVersion), reason));
        return marked != null && marked == 1;
    }

    private void markBroken(List<String> unreadable) {
        if (unreadable.isEmpty()) {
            return;
        }
        for (int i = 0; i < unreadable.size(); i += 3) {
            logger.warn("Job '{}' in Redis job store '{}' cannot be read; it is marked broken and kept: {}", unreadable.get(i),
                    context().alias(), unreadable.get(i + 2));
        }
        List<String> args = new ArrayList<>(unreadable.size() + 1);
        args.add(context().schedulerId());
        args.addAll(unreadable);
        call("mark unreadable jobs broken", redis -> this.scripts.markBroken.run(redis, ScriptOutputType.INTEGER,
                this.keyArray, args.toArray(String[]::new)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the lease owners' hash and the leases' sorted set (two commands, not atomic: a lease that changes in
     * between is left out).
     *
     * @throws JobStoreException when Redis fails
     */
    @Override
    public List<LeaseHolder> leaseHolders() {
        return run("list lease holders", redis -> {
            Map<String, String> owners = redis.hgetall(this.keys.leaseOwners());
            Map<String, Instant> expiries = new HashMap<>();
            for (ScoredValue<String> lease : redis.zrangeWithScores(this.keys.leases(), 0, -1)) {
                expiries.put(lease.getValue(), Instant.ofEpochMilli((long) lease.getScore()));
            }
            return LeaseHolder.tally(owners, expiries);
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code count.lua} call that reads the sizes of the jobs, run times, broken and finished keys
     * ({@code HLEN}, {@code ZCARD}: O(1) each) and no job; atomic, as every script is. Sizes that disagree count
     * 0 paused jobs rather than a negative number, with a WARN naming the keys and their sizes.
     *
     * @throws JobStoreException when Redis fails or times out
     */
    @Override
    public JobCounts countJobs() {
        List<Long> sizes = run("count jobs", redis -> this.scripts.count.<List<Long>>run(redis, ScriptOutputType.MULTI, this.keyArray));
        return RedisJobCounts.of(sizes, this.keys);
    }

    private <T> T call(String what, Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> command) {
        this.nextRunTimes.change();
        try {
            return run(what, command);
        }
        finally {
            this.nextRunTimes.change();
        }
    }

    /** As {@link #call}, for a script that computes the next run time; the caller began it, a failure ends it. */
    private <T> T runComputingNext(String what, Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> command) {
        try {
            return run(what, command);
        }
        catch (RuntimeException ex) {
            this.nextRunTimes.failed();
            throw ex;
        }
    }

    private <T extends @Nullable Object> T run(String what, Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> command) {
        RedisConnections open = open(what);
        return translate(what, () -> command.apply(open.commands()));
    }

    private RedisConnections open(String what) {
        RedisConnections open = this.connections;
        if (open == null) {
            throw new IllegalStateException("Redis job store is not started; cannot " + what);
        }
        return open;
    }

    /** Runs a Redis call, turning a Redis failure into a {@link JobStoreException} that says what failed. */
    private <T extends @Nullable Object> T translate(String what, Supplier<T> command) {
        try {
            return command.get();
        }
        catch (RedisException ex) {
            throw new JobStoreException("Redis job store '" + context().alias() + "' could not " + what + ": "
                    + ex.getMessage(), ex);
        }
    }

    private JobStoreContext context() {
        JobStoreContext current = this.context;
        if (current == null) {
            throw new IllegalStateException("Redis job store is not started");
        }
        return current;
    }

    /**
     * The key names this store uses.
     *
     * @return the keys
     */
    public RedisJobStoreKeys keys() {
        return this.keys;
    }

    private RedisJobRows rows() {
        return Objects.requireNonNull(this.rows, "the Redis job store is not started");
    }

    /** The open connections, for tests; {@code null} when not started. */
    @Nullable RedisConnections connections() {
        return this.connections;
    }
}
