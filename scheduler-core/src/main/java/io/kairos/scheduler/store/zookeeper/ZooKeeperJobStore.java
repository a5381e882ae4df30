package io.kairos.scheduler.store.zookeeper;

import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.store.JobLookupException;
import io.kairos.scheduler.store.JobOrder;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.LeaseArguments;
import io.kairos.scheduler.store.LeaseHolder;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.StoredJobPage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JobStore} in Apache ZooKeeper (through Curator), shared by any number of schedulers; the layout is
 * described in {@link ZooKeeperPaths}. Every write is one ZooKeeper transaction conditional on znode versions: a
 * job's version is its znode's version + 1, a lease is an <em>ephemeral</em> znode of the acquiring store's
 * session, created only if absent (or replacing an expired lease at its version). A scheduler whose session ends
 * (it died, or was cut off longer than the session timeout) loses its leases at once, and its due jobs are taken
 * over without waiting for the lease time; its own {@link #extendLeases} then reports them lost.
 *
 * <p>The due query and {@link #nextRunTime()} read an in-memory index of next run times and leases, kept by
 * watches ({@link ZooKeeperCaches}); those watches are also the remote wake-up: a job another instance makes due
 * earlier, or a lease that vanishes on a due job, calls {@link JobStoreContext#wakeup()}. Acquiring a job costs
 * two round trips (read the job, one transaction), releasing it three (read the lease and the job, one
 * transaction); listing reads every job znode. The run history lives in the same tree, one znode per run
 * ({@link #runHistory()}).
 *
 * <p>A job znode whose JSON cannot be read is never deleted or rewritten: its next run time is cleared and the
 * reason stored in {@code broken/<id>}; it is listed as {@link JobState#BROKEN}. Curator failures (connection loss,
 * a timeout) surface as {@link JobStoreException}. Thread-safe once started.
 */
public final class ZooKeeperJobStore implements JobStore {

    private static final Comparator<StoredJob> LISTING_ORDER = Comparator
            .comparing((StoredJob job) -> job.nextRunTime() == null)
            .thenComparing(StoredJob::nextRunTime, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(StoredJob::id);

    private static final byte[] NOT_DUE = new byte[0];

    /** The most due jobs {@link #countDueWithoutExecutor} reads. */
    static final int WAITING_SCAN_LIMIT = 1000;

    /** How many times a release is tried when a version moves on between its reads and its transaction. */
    static final int RELEASE_ATTEMPTS = 10;

    private final ZooKeeperConnection connection;

    private final ZooKeeperPaths paths;

    private volatile JobStoreContext context;

    private volatile @Nullable CuratorFramework client;

    private volatile ZooKeeperIndex index;

    private volatile ZooKeeperCaches caches;

    private volatile ZooKeeperJobReader reader;

    private volatile ZooKeeperFinishedMarkers markers;

    private volatile @Nullable ZooKeeperRunHistory history;

    // context, index, caches, reader and markers are set by start(); only a started store (client set) reads them
    @SuppressWarnings("NullAway.Init")
    ZooKeeperJobStore(ZooKeeperConnection connection, ZooKeeperPaths paths) {
        this.connection = connection;
        this.paths = paths;
    }

    /**
     * Starts describing a store.
     *
     * @return a builder
     */
    public static ZooKeeperJobStoreBuilder builder() {
        return new ZooKeeperJobStoreBuilder();
    }

    /**
     * The root path of this store's znodes.
     *
     * @return the path, e.g. {@code /kairos}
     */
    public String rootPath() {
        return this.paths.root();
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code connectString} (the client's current one) and {@code rootPath}; once started, {@code connected}, whether
     * the Curator client is connected now (while it is not, this instance's session may expire and its leases with
     * it). No server call.
     */
    @Override
    public Map<String, Object> healthDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("connectString", this.connection.describe());
        details.put("rootPath", this.paths.root());
        CuratorFramework current = this.client;
        if (current != null) {
            details.put("connected", current.getZookeeperClient().isConnected());
        }
        return details;
    }

    /**
     * Connects (or uses the given client), creates the six parent znodes when missing, and loads the index.
     *
     * @param context the scheduler's alias for this store, its id, clock, codec and wake-up callback
     * @throws IllegalStateException when the store is already started
     * @throws JobStoreException when ZooKeeper cannot be reached within the connection timeout (nothing stays open)
     */
    @Override
    public synchronized void start(JobStoreContext context) {
        Objects.requireNonNull(context, "context");
        if (this.client != null) {
            throw new IllegalStateException("ZooKeeper job store '" + context.alias() + "' is already started");
        }
        CuratorFramework opened = this.connection.open(context.alias());
        ZooKeeperIndex newIndex = new ZooKeeperIndex(context.wakeup());
        ZooKeeperCaches newCaches = new ZooKeeperCaches(opened, this.paths, newIndex, this.connection.startTimeout());
        try {
            for (String parent : startParents()) {
                if (opened.checkExists().forPath(parent) == null) {
                    try {
                        opened.create().creatingParentsIfNeeded().forPath(parent);
                    }
                    catch (KeeperException.NodeExistsException ex) {
                        // another instance created it meanwhile
                    }
                }
            }
            newCaches.start();
        }
        catch (Exception ex) {
            newCaches.close();
            this.connection.close(opened);
            throw new JobStoreException("ZooKeeper job store '" + context.alias() + "' could not start at "
                    + this.connection.describe() + this.paths.root() + ": " + ex.getMessage(), ex);
        }
        this.context = context;
        this.index = newIndex;
        this.caches = newCaches;
        this.reader = new ZooKeeperJobReader(opened, this.paths, context);
        this.markers = new ZooKeeperFinishedMarkers(opened, this.paths, context);
        this.history = new ZooKeeperRunHistory(opened, this.paths, this::call);
        this.client = opened;
    }

    /**
     * Closes the watches and, when the store created the Curator client, the client (its session ends, so its
     * leases vanish). A client given to the builder is left open. Jobs are kept. Does nothing when not started.
     */
    @Override
    public synchronized void shutdown() {
        CuratorFramework open = this.client;
        this.client = null;
        if (open != null) {
            this.caches.close();
            this.connection.close(open);
        }
    }

    /**
     * Always {@code true}: any number of schedulers may share one ZooKeeper store.
     *
     * @return {@code true}
     */
    @Override
    public boolean isShared() {
        return true;
    }

    /**
     * The run history of this store, kept in ZooKeeper next to the jobs: one znode per run under
     * {@code <root>/runs/<job id>/}, so every instance sees the same history. Mind the cost: ZooKeeper keeps every
     * znode in the memory of every server, and a query across jobs reads one child list per job with history
     * ({@link ZooKeeperRunHistory}).
     *
     * @return the history of the started store; {@link RunHistory#none()} when not started
     */
    @Override
    public RunHistory runHistory() {
        RunHistory current = this.history;
        return current == null || this.client == null ? RunHistory.none() : current;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Answers from the index of lease znodes, like {@link #nextRunTime()} (one round trip when this store wrote
     * since its last answer, none otherwise). A dead instance's leases are listed until its session expires and
     * ZooKeeper deletes its ephemeral lease znodes.
     */
    @Override
    public List<LeaseHolder> leaseHolders() {
        return call("list lease holders", () -> {
            this.caches.catchUp();
            return this.index.leaseHolders();
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction creates the job and its index entry and deletes the finished marker with the id (or checks
     * that there is none), so that a job and its marker never exist together.
     */
    @Override
    public StoredJob addJob(StoredJob job, ConflictPolicy policy) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(policy, "policy");
        return write("add job '" + job.id() + "'", () -> {
            byte[] json = json(job);
            while (true) {
                ZooKeeperFinishedMarkers.Marker marker = this.markers.read(job.id());
                if (marker != null && marker.job() != null && policy == ConflictPolicy.KEEP_EXISTING) {
                    return marker.job();
                }
                List<CuratorOp> ops = new ArrayList<>(4);
                ops.add(op().create().forPath(this.paths.job(job.id()), json));
                ops.add(op().create().forPath(this.paths.due(job.id()), due(job)));
                ops.addAll(this.markers.replaceOps(job.id(), marker));
                try {
                    client().transaction().forOperations(ops);
                    return job.withVersion(1);
                }
                catch (KeeperException.NodeExistsException | KeeperException.NoNodeException
                        | KeeperException.BadVersionException ex) {
                    // a job with the id, or a marker written or removed meanwhile
                    Optional<StoredJob> existing = this.reader.lookup(job.id());
                    if (existing.isPresent() && policy == ConflictPolicy.ERROR) {
                        throw new ConflictingJobIdException(job.id(), "job store '" + context().alias() + "'");
                    }
                    Optional<StoredJob> kept = policy == ConflictPolicy.KEEP_EXISTING ? existing
                            : existing.isPresent() ? overwrite(job, json) : Optional.empty();
                    if (kept.isPresent()) {
                        return kept.get();
                    }
                }
            }
        });
    }

    @Override
    public StoredJob updateJob(StoredJob job) {
        Objects.requireNonNull(job, "job");
        return write("update job '" + job.id() + "'",
                () -> overwrite(job, json(job)).orElseThrow(() -> new JobLookupException(job.id())));
    }

    /** Overwrites an existing job (keeping its lease); empty when there is none. */
    private Optional<StoredJob> overwrite(StoredJob job, byte[] json) throws Exception {
        while (true) {
            Stat stat = client().checkExists().forPath(this.paths.job(job.id()));
            if (stat == null) {
                return Optional.empty();
            }
            try {
                List<CuratorTransactionResult> results = client().transaction().forOperations(
                        op().setData().withVersion(stat.getVersion()).forPath(this.paths.job(job.id()), json),
                        op().setData().forPath(this.paths.due(job.id()), due(job)));
                client().delete().quietly().forPath(this.paths.broken(job.id()));
                return Optional.of(job.withVersion(results.get(0).getResultStat().getVersion() + 1L));
            }
            catch (KeeperException.BadVersionException | KeeperException.NoNodeException ex) {
                // changed or removed meanwhile: look again
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Deletes the job and its index entry in one transaction, then its lease and broken reason, if any (a lease
     * left behind by a failure here never holds a job added later under the same id: it names the removed znode);
     * without a job, deletes the finished marker with the id.
     */
    @Override
    public boolean removeJob(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return write("remove job '" + jobId + "'", () -> {
            try {
                client().transaction().forOperations(op().delete().forPath(this.paths.job(jobId)),
                        op().delete().forPath(this.paths.due(jobId)));
            }
            catch (KeeperException.NoNodeException ex) {
                return this.markers.remove(jobId);
            }
            client().delete().quietly().forPath(this.paths.lease(jobId));
            client().delete().quietly().forPath(this.paths.broken(jobId));
            return true;
        });
    }

    @Override
    public void removeAllJobs() {
        write("remove all jobs", () -> {
            for (String parent : parents()) {
                for (String child : client().getChildren().forPath(parent)) {
                    if (!child.startsWith(ZooKeeperPaths.MARKER_PREFIX)) {
                        client().delete().quietly().forPath(parent + "/" + child);
                    }
                }
            }
            return null;
        });
    }

    @Override
    public Optional<StoredJob> lookupJob(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return call("look up job '" + jobId + "'", () -> this.reader.lookup(jobId));
    }

    @Override
    public Optional<StoredJob> lookupFinished(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return call("look up finished job '" + jobId + "'", () -> {
            ZooKeeperFinishedMarkers.Marker marker = this.markers.read(jobId);
            return marker == null ? Optional.<StoredJob>empty() : Optional.ofNullable(marker.job());
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads every marker znode (one read each) and deletes the old ones at the version read.
     */
    @Override
    public int removeFinishedMarkers(Instant finishedBefore) {
        Objects.requireNonNull(finishedBefore, "finishedBefore");
        return call("remove finished markers", () -> this.markers.removeBefore(finishedBefore));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads every job znode (one read each).
     */
    @Override
    public List<StoredJob> getAllJobs() {
        return call("list jobs", () -> {
            List<StoredJob> jobs = new ArrayList<>();
            for (String child : client().getChildren().forPath(this.paths.jobs())) {
                String id = ZooKeeperPaths.idOf(child);
                if (id != null) {
                    this.reader.lookup(id).ifPresent(jobs::add);
                }
            }
            jobs.sort(LISTING_ORDER);
            return jobs;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>ZooKeeper lists a znode's children only whole: each page reads the names of every job znode (one
     * {@code getChildren}, about the id's length in bytes per job, dropped after the call), keeps the
     * {@code limit + 1} smallest ids after the cursor, and reads the data of at most {@code limit} of them (one read
     * each). Jobs removed between the two reads are skipped.
     */
    @Override
    public StoredJobPage listJobs(JobQuery query) {
        return call("list a page of jobs", () -> {
            List<String> children = client().getChildren().forPath(this.paths.jobs());
            List<String> jobIds = new ArrayList<>(children.size());
            for (String child : children) {
                String id = ZooKeeperPaths.idOf(child);
                if (id != null) {
                    jobIds.add(id);
                }
            }
            List<String> ids = JobOrder.firstAfter(jobIds, (id) -> id, query.cursor(), query.limit() + 1);
            List<String> pageIds = ids.subList(0, Math.min(ids.size(), query.limit()));
            List<StoredJob> jobs = new ArrayList<>();
            for (String id : pageIds) {
                this.reader.lookup(id).filter(query::matches).ifPresent(jobs::add);
            }
            return new StoredJobPage(jobs, ids.size() > query.limit() ? pageIds.get(pageIds.size() - 1) : null);
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Answers from the index; when this store wrote since its last answer, it first writes its sync marker and
     * waits for the index to show that write (one round trip).
     */
    @Override
    public Optional<Instant> nextRunTime() {
        return call("find the next run time", () -> {
            this.caches.catchUp();
            return this.index.next();
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Candidates come from the index; each is read, checked (still scheduled and due, lease absent or expired or
     * left from a removed job) and leased in one transaction conditional on the job znode's version and on the
     * {@code due} znode's version, which the transaction moves on (the same content written again). A candidate
     * another instance took meanwhile is skipped, and the next one tried. A candidate whose JSON cannot be read is
     * marked broken by the read ({@link ZooKeeperJobReader}) and returned after the acquired ones.
     */
    @Override
    public List<StoredJob> acquireDueJobs(String schedulerId, Instant now, int limit, Instant leaseUntil) {
        return acquireDue(schedulerId, now, limit, leaseUntil, null);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each candidate is read as before; one of another executor is skipped after that read (so each due job of
     * another executor costs one read per call).
     */
    @Override
    public List<StoredJob> acquireDueJobs(String schedulerId, Instant now, int limit, Instant leaseUntil, Set<String> executors) {
        if (executors.isEmpty()) {
            throw new IllegalArgumentException("executors must not be empty");
        }
        return acquireDue(schedulerId, now, limit, leaseUntil, Set.copyOf(executors));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the earliest {@value #WAITING_SCAN_LIMIT} unleased due jobs of the index (one read each).
     */
    @Override
    public Map<String, Integer> countDueWithoutExecutor(Instant dueBefore, Set<String> executors) {
        Objects.requireNonNull(dueBefore, "dueBefore");
        return call("count jobs waiting for an executor", () -> {
            this.caches.catchUp();
            Map<String, Integer> counts = new TreeMap<>();
            for (ZooKeeperIndex.Candidate candidate : this.index.due(dueBefore.toEpochMilli(), WAITING_SCAN_LIMIT, Set.of())) {
                ZooKeeperJobReader.Read read = this.reader.read(candidate.id());
                if (read != null && read.job().state() == JobState.SCHEDULED && !executors.contains(read.job().executor())) {
                    counts.merge(read.job().executor(), 1, Integer::sum);
                }
            }
            return counts;
        });
    }

    private List<StoredJob> acquireDue(String schedulerId, Instant now, int limit, Instant leaseUntil,
            @Nullable Set<String> executors) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        LeaseArguments.check(now, limit, leaseUntil);
        long nowMillis = now.toEpochMilli();
        return call("acquire due jobs", () -> {
            this.caches.catchUp();
            List<StoredJob> acquired = new ArrayList<>();
            List<StoredJob> broken = new ArrayList<>();
            Set<String> tried = new HashSet<>();
            List<ZooKeeperIndex.Candidate> candidates;
            do {
                candidates = this.index.due(nowMillis, limit - acquired.size() - broken.size(), tried);
                for (ZooKeeperIndex.Candidate candidate : candidates) {
                    tried.add(candidate.id());
                    StoredJob job = acquire(schedulerId, candidate, nowMillis, leaseUntil.toEpochMilli(), executors);
                    if (job != null) {
                        (job.state() == JobState.BROKEN ? broken : acquired).add(job);
                    }
                }
            }
            while (!candidates.isEmpty() && acquired.size() + broken.size() < limit);
            acquired.sort(Comparator.comparing(StoredJob::nextRunTime));
            acquired.addAll(broken);
            return acquired;
        });
    }

    private @Nullable StoredJob acquire(String schedulerId, ZooKeeperIndex.Candidate candidate, long nowMillis,
            long untilMillis, @Nullable Set<String> executors) throws Exception {
        String id = candidate.id();
        ZooKeeperJobReader.Read read = this.reader.read(id);
        if (read != null && read.markedBroken()) {
            this.caches.wrote();
            return read.job();
        }
        Instant due = read == null ? null : read.job().nextRunTime();
        if (read == null || read.job().state() != JobState.SCHEDULED || due == null || due.toEpochMilli() > nowMillis
                || (executors != null && !executors.contains(read.job().executor()))) {
            return null;
        }
        Stat leaseStat = null;
        if (candidate.lease() != null) {
            leaseStat = new Stat();
            try {
                ZooKeeperLease lease = ZooKeeperLease.parse(client().getData().storingStatIn(leaseStat).forPath(this.paths.lease(id)));
                if (lease.heldAt(nowMillis) && lease.jobCzxid() == read.stat().getCzxid()) {
                    return null;
                }
            }
            catch (KeeperException.NoNodeException ex) {
                leaseStat = null;
            }
        }
        ZooKeeperLease lease = new ZooKeeperLease(schedulerId, untilMillis, read.stat().getCzxid());
        List<CuratorOp> ops = new ArrayList<>(3);
        ops.add(op().check().withVersion(read.stat().getVersion()).forPath(this.paths.job(id)));
        if (leaseStat != null) {
            ops.add(op().delete().withVersion(leaseStat.getVersion()).forPath(this.paths.lease(id)));
        }
        ops.add(op().create().withMode(CreateMode.EPHEMERAL).forPath(this.paths.lease(id), lease.bytes()));
        // Writing the due znode at the version read makes competing acquisitions of this job exclusive even when
        // they replace the same expired lease: a lease znode created meanwhile would have that lease's version too.
        ops.add(op().setData().withVersion(candidate.dueVersion()).forPath(this.paths.due(id), due(read.job())));
        try {
            client().transaction().forOperations(ops);
        }
        catch (KeeperException.NodeExistsException | KeeperException.BadVersionException | KeeperException.NoNodeException ex) {
            return null;
        }
        finally {
            this.caches.wrote();
        }
        this.index.leased(id, lease);
        return read.job();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Per job: reads the lease and the job, then updates the lease in place (or moves it to this store's
     * session, after the session was renewed), one transaction.
     */
    @Override
    public Set<String> extendLeases(String schedulerId, Collection<String> jobIds, Instant leaseUntil) {
        if (!LeaseArguments.checkExtension(schedulerId, jobIds, leaseUntil)) {
            return new HashSet<>();
        }
        Set<String> lost = new HashSet<>();
        return call("extend leases", () -> {
            long session = client().getZookeeperClient().getZooKeeper().getSessionId();
            for (String id : new LinkedHashSet<>(jobIds)) {
                if (!extend(schedulerId, id, leaseUntil.toEpochMilli(), session)) {
                    lost.add(id);
                }
            }
            return lost;
        });
    }

    private boolean extend(String schedulerId, String id, long untilMillis, long session) throws Exception {
        Stat leaseStat = new Stat();
        ZooKeeperLease lease;
        try {
            lease = ZooKeeperLease.parse(client().getData().storingStatIn(leaseStat).forPath(this.paths.lease(id)));
        }
        catch (KeeperException.NoNodeException ex) {
            return false;
        }
        Stat job = client().checkExists().forPath(this.paths.job(id));
        if (!lease.owner().equals(schedulerId) || job == null || job.getCzxid() != lease.jobCzxid()) {
            return false;
        }
        ZooKeeperLease extended = new ZooKeeperLease(schedulerId, untilMillis, lease.jobCzxid());
        try {
            if (leaseStat.getEphemeralOwner() == session) {
                client().setData().withVersion(leaseStat.getVersion()).forPath(this.paths.lease(id), extended.bytes());
            }
            else {
                client().transaction().forOperations(op().delete().withVersion(leaseStat.getVersion()).forPath(this.paths.lease(id)),
                        op().create().withMode(CreateMode.EPHEMERAL).forPath(this.paths.lease(id), extended.bytes()));
            }
        }
        catch (KeeperException.BadVersionException | KeeperException.NoNodeException | KeeperException.NodeExistsException ex) {
            return false;
        }
        finally {
            this.caches.wrote();
        }
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Per job: reads the lease (ignored unless this scheduler's) and the job, then one transaction writes the
     * job, its index entry and deletes the lease, conditional on both versions; when the job changed meanwhile, only
     * the lease is deleted. When the transaction fails on a version (this scheduler's lease keeper extended the lease
     * between the read and the write, or another writer changed the job), the job is read and released again, up to
     * {@value #RELEASE_ATTEMPTS} times: dropping the lease alone would leave a finished job due to run again. A
     * release setting a retry whose last attempt did not write the job is reported.
     *
     * @throws JobStoreException when ZooKeeper fails, or a job's znodes kept changing for every attempt
     */
    @Override
    public Set<String> releaseJobs(String schedulerId, List<JobRelease> releases) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        if (releases.isEmpty()) {
            return new HashSet<>();
        }
        return write("release jobs", () -> {
            Set<String> retriesNotWritten = new HashSet<>();
            for (JobRelease release : releases) {
                if (!release(schedulerId, release) && release.setsRetry()) {
                    retriesNotWritten.add(release.jobId());
                }
            }
            return retriesNotWritten;
        });
    }

    /** Releases one job; answers whether its conditional write applied (not only the lease dropped, or nothing). */
    private boolean release(String schedulerId, JobRelease release) throws Exception {
        for (int attempt = 0; attempt < RELEASE_ATTEMPTS; attempt++) {
            Boolean written = releaseOnce(schedulerId, release);
            if (written != null) {
                return written;
            }
        }
        throw new JobStoreException("ZooKeeper job store '" + context().alias() + "' could not release job '" + release.jobId()
                + "': its lease or job znode changed during each of " + RELEASE_ATTEMPTS + " attempts", null);
    }

    /**
     * One attempt at a release.
     *
     * @return {@code true} when the job was written (or removed); {@code false} when done without writing it (only
     *     the lease dropped: the job changed; or the lease is not this scheduler's); {@code null} when a version moved
     *     on between the reads and the transaction
     */
    private @Nullable Boolean releaseOnce(String schedulerId, JobRelease release) throws Exception {
        String id = release.jobId();
        Stat leaseStat = new Stat();
        ZooKeeperLease lease;
        try {
            lease = ZooKeeperLease.parse(client().getData().storingStatIn(leaseStat).forPath(this.paths.lease(id)));
        }
        catch (KeeperException.NoNodeException ex) {
            return false;
        }
        if (!lease.owner().equals(schedulerId)) {
            return false;
        }
        this.caches.wrote();
        CuratorOp dropLease = op().delete().withVersion(leaseStat.getVersion()).forPath(this.paths.lease(id));
        ZooKeeperJobReader.Read read = this.reader.read(id);
        try {
            if (read == null || read.stat().getCzxid() != lease.jobCzxid() || read.stat().getVersion() + 1L != release.acquiredVersion()) {
                client().transaction().forOperations(dropLease);
                return false;
            }
            else if (release.remove()) {
                List<CuratorOp> ops = new ArrayList<>(4);
                ops.add(op().delete().withVersion(read.stat().getVersion()).forPath(this.paths.job(id)));
                ops.add(op().delete().forPath(this.paths.due(id)));
                ops.add(dropLease);
                if (release.keepMarker()) {
                    ops.addAll(this.markers.finishOps(read.job()));
                }
                client().transaction().forOperations(ops);
            }
            else {
                StoredJob next = release.applyTo(read.job());
                client().transaction().forOperations(
                        op().setData().withVersion(read.stat().getVersion()).forPath(this.paths.job(id), json(next)),
                        op().setData().forPath(this.paths.due(id), due(next)), dropLease);
            }
        }
        catch (KeeperException.BadVersionException | KeeperException.NoNodeException ex) {
            return null;
        }
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction conditional on the job's version: the broken job's JSON, its index entry cleared, and the
     * caller's lease deleted when it holds one. When the transaction fails on a version, the job is read again (up to
     * {@value #RELEASE_ATTEMPTS} times): the caller's own lease keeper may have extended the lease meanwhile, which
     * does not change the job.
     *
     * @throws JobStoreException when ZooKeeper fails, or the znodes kept changing for every attempt
     */
    @Override
    public boolean markBroken(String schedulerId, String jobId, long expectedVersion, String reason) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(reason, "reason");
        return write("mark job '" + jobId + "' broken", () -> {
            for (int attempt = 0; attempt < RELEASE_ATTEMPTS; attempt++) {
                Boolean marked = markBrokenOnce(schedulerId, jobId, expectedVersion, reason);
                if (marked != null) {
                    return marked;
                }
            }
            throw new JobStoreException("ZooKeeper job store '" + context().alias() + "' could not mark job '" + jobId
                    + "' broken: its lease or job znode changed during each of " + RELEASE_ATTEMPTS + " attempts", null);
        });
    }

    /**
     * One attempt at {@link #markBroken}.
     *
     * @return whether the job was marked; {@code null} when a version moved on between the reads and the transaction
     *     (the job, or only the caller's lease, extended meanwhile by its lease keeper): read again
     */
    private @Nullable Boolean markBrokenOnce(String schedulerId, String jobId, long expectedVersion, String reason) throws Exception {
        ZooKeeperJobReader.Read read = this.reader.read(jobId);
        if (read == null || read.stat().getVersion() + 1L != expectedVersion) {
            return false;
        }
        List<CuratorOp> ops = new ArrayList<>(3);
        ops.add(op().setData().withVersion(read.stat().getVersion()).forPath(this.paths.job(jobId), json(read.job().asBroken(reason))));
        ops.add(op().setData().forPath(this.paths.due(jobId), NOT_DUE));
        Stat leaseStat = new Stat();
        try {
            ZooKeeperLease lease = ZooKeeperLease.parse(client().getData().storingStatIn(leaseStat).forPath(this.paths.lease(jobId)));
            if (lease.owner().equals(schedulerId)) {
                ops.add(op().delete().withVersion(leaseStat.getVersion()).forPath(this.paths.lease(jobId)));
            }
        }
        catch (KeeperException.NoNodeException ex) {
            // not leased
        }
        try {
            client().transaction().forOperations(ops);
            return true;
        }
        catch (KeeperException.BadVersionException | KeeperException.NoNodeException ex) {
            return null;
        }
        finally {
            this.caches.wrote();
        }
    }

    /** The parents created at start: those of the jobs and the runs' parent (left alone by removeAllJobs). */
    private List<String> startParents() {
        List<String> all = new ArrayList<>(parents());
        all.add(this.paths.runs());
        return all;
    }

    private List<String> parents() {
        return List.of(this.paths.jobs(), this.paths.due(), this.paths.leases(), this.paths.broken(), this.paths.finished());
    }

    private byte[] json(StoredJob job) {
        return context().codec().encode(job).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] due(StoredJob job) {
        return job.nextRunTime() == null ? NOT_DUE
                : Long.toString(job.nextRunTime().toEpochMilli()).getBytes(StandardCharsets.UTF_8);
    }

    private org.apache.curator.framework.api.transaction.TransactionOp op() {
        return client().transactionOp();
    }

    /** A ZooKeeper call that may throw Curator's and ZooKeeper's checked exceptions. */
    interface ZooKeeperCall<T extends @Nullable Object> {
        T run() throws Exception;
    }

    private <T extends @Nullable Object> T call(String what, ZooKeeperCall<T> call) {
        if (this.client == null) {
            throw new IllegalStateException("ZooKeeper job store is not started; cannot " + what);
        }
        try {
            return call.run();
        }
        catch (RuntimeException ex) {
            throw ex;
        }
        catch (Exception ex) {
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new JobStoreException("ZooKeeper job store '" + context().alias() + "' could not " + what + ": " + ex, ex);
        }
    }

    /** As {@link #call}, for a call that writes: the index catches up before it is next read. */
    private <T extends @Nullable Object> T write(String what, ZooKeeperCall<T> call) {
        try {
            return call(what, call);
        }
        finally {
            ZooKeeperCaches current = this.caches;
            if (current != null) {
                current.wrote();
            }
        }
    }

    /** The started client (for tests and health details). */
    CuratorFramework client() {
        CuratorFramework current = this.client;
        if (current == null || current.getState() == CuratorFrameworkState.STOPPED) {
            throw new IllegalStateException("ZooKeeper job store is not started");
        }
        return current;
    }

    private JobStoreContext context() {
        JobStoreContext current = this.context;
        if (current == null) {
            throw new IllegalStateException("ZooKeeper job store is not started");
        }
        return current;
    }
}
