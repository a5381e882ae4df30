package io.kairos.scheduler.store.zookeeper;

import io.kairos.scheduler.config.InvalidConfigurationException;
import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.history.RunRetention;
import io.kairos.scheduler.store.JobDecodeException;
import io.kairos.scheduler.store.RunRecordCodec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ZooKeeper store's run history: one persistent znode per run, {@code <root>/runs/<job id>/<name>}, holding the
 * record's JSON ({@link RunRecordCodec}); the name ({@link ZooKeeperRunName}) carries the finish time, outcome and run
 * id, so queries and the retention filter and order on child lists and read only the data of the runs they return.
 * {@code runs/<job id>} is a container znode: once the retention removed a job's last run, it goes too (a removed
 * job keeps its history until then).
 *
 * <p><b>Cost.</b> ZooKeeper is a coordination service, not a query engine: every server keeps every znode in memory
 * and each write goes through the quorum. Writing a batch costs one transaction per 512 KiB of records (plus one for
 * the containers of jobs not seen before). One job's runs cost one child list and one read per run returned. A query
 * across jobs reads the child list of every job with history (one round trip per job), keeping the best
 * {@code limit} names in memory, then reads the runs returned: plan for it where jobs number in the thousands.
 * Child lists stay bounded by the retention ({@code max-runs-per-job}) and by the number of jobs.
 *
 * <p>A run znode whose JSON cannot be read is kept and reported: a query that would return it fails with a
 * {@link JobDecodeException} naming the znode (as the other stores fail on an unreadable record), until the
 * retention removes it by the finish time in its name. A child whose name is not a run's is logged and left alone.
 * A record larger than {@value #MAX_RUN_BYTES} bytes as JSON (only when the stack trace or result limits are raised
 * far above their defaults) is not written: ZooKeeper refuses such requests; it is logged at WARN with its size.
 * Thread-safe.
 */
final class ZooKeeperRunHistory implements RunHistory {

    private static final Logger logger = LoggerFactory.getLogger(ZooKeeperRunHistory.class);

    /** The largest record written, in bytes of JSON: below ZooKeeper's default packet limit of 1 MiB. */
    static final int MAX_RUN_BYTES = 960 * 1024;

    /** The most bytes of records in one transaction. */
    static final int TRANSACTION_BYTES = 512 * 1024;

    /** The most operations in one transaction. */
    static final int TRANSACTION_OPS = 500;

    /**
     * The most runs per job this history keeps ({@code kairos.history.max-runs-per-job}). A query and a retention
     * pass read a job's run names in one {@code getChildren} reply, which ZooKeeper caps at 1 MiB
     * ({@code jute.maxbuffer}); a larger reply drops the connection the leases share. A run name is about 70 bytes
     * with its length prefix (13 digits of milliseconds, an outcome of up to 21 characters, a run id of about 30,
     * two separators), so 5,000 runs are about 350 KB: a third of the limit, leaving room for longer run ids.
     */
    static final int MAX_RUNS_PER_JOB = 5_000;

    /** How many job containers this instance remembers as existing before it forgets them all. */
    private static final int KNOWN_CONTAINERS = 10_000;

    /** Runs a ZooKeeper call, turning failures into store exceptions. */
    interface Calls {

        <T extends @Nullable Object> T call(String what, ZooKeeperJobStore.ZooKeeperCall<T> call);
    }

    private final CuratorFramework client;

    private final ZooKeeperPaths paths;

    private final Calls calls;

    private final ZooKeeperRunRetention retention;

    private final Set<String> knownContainers = ConcurrentHashMap.newKeySet();

    ZooKeeperRunHistory(CuratorFramework client, ZooKeeperPaths paths, Calls calls) {
        this.client = client;
        this.paths = paths;
        this.calls = calls;
        this.retention = new ZooKeeperRunRetention(client, paths);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Refuses more than {@value #MAX_RUNS_PER_JOB} runs per job: a job's run names are read in one reply, which
     * ZooKeeper caps at 1 MiB.
     */
    @Override
    public void checkRetention(RunRetention retention) {
        if (retention.maxRunsPerJob() > MAX_RUNS_PER_JOB) {
            throw new InvalidConfigurationException("kairos.history.max-runs-per-job", retention.maxRunsPerJob(),
                    "is more runs per job than the ZooKeeper job store's history can read in one reply (ZooKeeper caps a "
                            + "reply at 1 MiB, jute.maxbuffer)",
                    "1 to " + MAX_RUNS_PER_JOB + " with a ZooKeeper job store, or kairos.history.enabled=false");
        }
    }

    /** A run znode to create. */
    private record Pending(String container, String path, byte[] json) {
    }

    /** A run znode a query may return. */
    private record Candidate(String path, ZooKeeperRunName name) {
    }

    /**
     * {@inheritDoc}
     *
     * <p>Creates the runs' znodes in transactions of at most {@value #TRANSACTION_BYTES} bytes; a run whose znode
     * exists is already stored. A job container removed meanwhile (the retention emptied it) is created again.
     */
    @Override
    public void record(List<RunRecord> runs) {
        if (runs.isEmpty()) {
            return;
        }
        this.calls.call("record runs", () -> {
            List<Pending> chunk = new ArrayList<>();
            int bytes = 0;
            for (RunRecord run : runs) {
                byte[] json = RunRecordCodec.write(run).getBytes(StandardCharsets.UTF_8);
                if (json.length > MAX_RUN_BYTES) {
                    logger.warn("ZooKeeper run history: run '{}' of job '{}' is {} bytes as JSON, more than the {} a ZooKeeper request "
                            + "can carry; it is not recorded (lower kairos.history.max-stack-trace-length or max-result-length)",
                            run.runId(), run.jobId(), json.length, MAX_RUN_BYTES);
                    continue;
                }
                if (!chunk.isEmpty() && (bytes + json.length > TRANSACTION_BYTES || chunk.size() == TRANSACTION_OPS)) {
                    write(chunk);
                    chunk = new ArrayList<>();
                    bytes = 0;
                }
                String container = this.paths.runs(run.jobId());
                chunk.add(new Pending(container, container + "/" + ZooKeeperRunName.of(run), json));
                bytes += json.length;
            }
            if (!chunk.isEmpty()) {
                write(chunk);
            }
            return null;
        });
    }

    private void write(List<Pending> chunk) throws Exception {
        Set<String> containers = new LinkedHashSet<>();
        chunk.forEach((run) -> containers.add(run.container()));
        List<CuratorOp> creates = new ArrayList<>(chunk.size());
        for (Pending run : chunk) {
            creates.add(this.client.transactionOp().create().forPath(run.path(), run.json()));
        }
        for (int attempt = 1;; attempt++) {
            createContainers(containers);
            try {
                ZooKeeperTransactions.applyAll(this.client, creates, KeeperException.Code.NODEEXISTS);
                return;
            }
            catch (KeeperException.NoNodeException ex) {
                // a container emptied by the retention and deleted meanwhile: create it again
                this.knownContainers.removeAll(containers);
                if (attempt == ZooKeeperTransactions.MULTI_ATTEMPTS) {
                    throw ex;
                }
            }
        }
    }

    private void createContainers(Set<String> containers) throws Exception {
        List<CuratorOp> creates = new ArrayList<>();
        for (String container : containers) {
            if (!this.knownContainers.contains(container)) {
                creates.add(this.client.transactionOp().create().withMode(CreateMode.CONTAINER).forPath(container));
            }
        }
        if (creates.isEmpty()) {
            return;
        }
        try {
            ZooKeeperTransactions.applyAll(this.client, creates, KeeperException.Code.NODEEXISTS);
        }
        catch (KeeperException.NoNodeException ex) {
            // the runs parent itself was deleted by hand
            this.client.create().creatingParentsIfNeeded().forPath(this.paths.runs());
            ZooKeeperTransactions.applyAll(this.client, creates, KeeperException.Code.NODEEXISTS);
        }
        if (this.knownContainers.size() > KNOWN_CONTAINERS) {
            this.knownContainers.clear();
        }
        this.knownContainers.addAll(containers);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads the child list of the job's container (or of every job's, for a query across jobs), keeps the newest
     * {@code limit} names that match, and reads their znodes. A run removed between the two steps is replaced by
     * the next one.
     *
     * @throws JobDecodeException when a run znode the page would contain cannot be read
     */
    @Override
    public List<RunRecord> findRuns(RunQuery query) {
        return this.calls.call("read runs", () -> {
            List<RunRecord> found = new ArrayList<>();
            RunQuery rest = query;
            while (found.size() < query.limit()) {
                int wanted = query.limit() - found.size();
                List<Candidate> page = candidates(rest, wanted);
                for (Candidate candidate : page) {
                    RunRecord run = read(candidate.path());
                    if (run != null) {
                        found.add(run);
                    }
                }
                if (page.size() < wanted) {
                    break;
                }
                rest = rest.after(page.get(page.size() - 1).name().cursor());
            }
            return found;
        });
    }

    /** The newest {@code wanted} names that match, newest first. */
    private List<Candidate> candidates(RunQuery query, int wanted) throws Exception {
        List<String> containers = query.jobId() != null ? List.of(this.paths.runs(query.jobId())) : ZooKeeperRunRetention.containers(this.client, this.paths);
        Comparator<Candidate> newestFirst = Comparator.comparing(Candidate::name, ZooKeeperRunName.NEWEST_FIRST);
        PriorityQueue<Candidate> best = new PriorityQueue<>(newestFirst.reversed());
        for (String container : containers) {
            for (String child : ZooKeeperRunRetention.children(this.client, container)) {
                ZooKeeperRunName name = ZooKeeperRunName.parse(child);
                if (name == null) {
                    logger.warn("ZooKeeper run history: znode {}/{} is not a run (<finished millis>~<outcome>~<run id>); it is skipped "
                            + "and kept", container, child);
                }
                else if (name.matches(query)) {
                    best.add(new Candidate(container + "/" + child, name));
                    if (best.size() > wanted) {
                        best.poll();
                    }
                }
            }
        }
        List<Candidate> page = new ArrayList<>(best);
        page.sort(newestFirst);
        return page;
    }

    /**
     * {@inheritDoc}
     *
     * <p><b>Cost:</b> ZooKeeper has no batched read across znodes: per job, one child list of its container (bounded
     * by {@code max-runs-per-job}) and one read of the newest run's znode, two round trips per job with runs and one
     * per job without ({@link #findRuns} with limit 1 each). A page of 1,000 jobs is up to 2,000 round trips.
     */
    @Override
    public Map<String, RunRecord> lastRuns(Collection<String> jobIds) {
        return RunHistory.super.lastRuns(jobIds);
    }

    private @Nullable RunRecord read(String path) throws Exception {
        byte[] data;
        try {
            data = this.client.getData().forPath(path);
        }
        catch (KeeperException.NoNodeException ex) {
            return null;
        }
        try {
            return RunRecordCodec.read(new String(data == null ? new byte[0] : data, StandardCharsets.UTF_8));
        }
        catch (JobDecodeException ex) {
            throw new JobDecodeException(null, "run znode " + path + " cannot be read: " + ex.getMessage()
                    + "; it is kept until the retention removes it (or delete it by hand)", ex);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>See {@link ZooKeeperRunRetention}.
     */
    @Override
    public int removeExpiredRuns(String schedulerId, RunRetention kept, Instant now, int batchSize) {
        return this.calls.call("remove expired runs", () -> this.retention.remove(schedulerId, kept, now, batchSize));
    }
}
