package io.kairos.scheduler.store.zookeeper;

import io.kairos.scheduler.history.RunRetention;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The retention of the ZooKeeper run history. One scheduler at a time enforces it: the holder of the lease znode
 * {@code runs/.retention} (owner and expiry, {@link ZooKeeperLease}'s format), taken by creating it or by replacing
 * an expired one at its version; the holder renews it on each call. A call visits at most {@value #JOBS_PER_CALL}
 * job containers, in name order, starting after the last one it finished (so a large history is covered over
 * several calls); per job it reads the child list and deletes, oldest first, the runs beyond
 * {@code max-runs-per-job} and those finished before {@code now - max-age}, in transactions where a run already
 * deleted by another instance (after the lease changed hands) is skipped. A container left empty is deleted at
 * once (ZooKeeper would delete it later anyway). Thread-safe.
 */
final class ZooKeeperRunRetention {

    /** How long the retention lease lasts; the holder renews it each time it enforces the retention. */
    static final Duration LEASE_TIME = Duration.ofMinutes(5);

    /** The most job containers one call visits. */
    static final int JOBS_PER_CALL = 1000;

    private final CuratorFramework client;

    private final ZooKeeperPaths paths;

    /** The last job container a call finished; the next call starts after it. */
    private volatile String finishedUpTo = "";

    ZooKeeperRunRetention(CuratorFramework client, ZooKeeperPaths paths) {
        this.client = client;
        this.paths = paths;
    }

    int remove(String schedulerId, RunRetention retention, Instant now, int batchSize) throws Exception {
        if (!takeLease(schedulerId, now)) {
            return 0;
        }
        List<String> jobs = containers(this.client, this.paths);
        if (jobs.isEmpty()) {
            return 0;
        }
        int found = Collections.binarySearch(jobs, this.finishedUpTo);
        int start = found >= 0 ? found + 1 : -found - 1;
        long oldest = now.minus(retention.maxAge()).toEpochMilli();
        int removed = 0;
        for (int i = 0; i < Math.min(jobs.size(), JOBS_PER_CALL) && removed < batchSize; i++) {
            String job = jobs.get((start + i) % jobs.size());
            int budget = batchSize - removed;
            int trimmed = trim(job, retention.maxRunsPerJob(), oldest, budget);
            removed += trimmed;
            if (trimmed < budget) {
                this.finishedUpTo = job;
            }
        }
        return removed;
    }

    /** Deletes up to {@code budget} of a job's runs beyond the bound or too old, oldest first. */
    private int trim(String container, int maxRuns, long oldestMillis, int budget) throws Exception {
        List<String> children = children(this.client, container);
        List<ZooKeeperRunName> runs = new ArrayList<>(children.size());
        for (String child : children) {
            ZooKeeperRunName name = ZooKeeperRunName.parse(child);
            if (name != null) {
                runs.add(name);
            }
        }
        runs.sort(ZooKeeperRunName.NEWEST_FIRST);
        int from = Math.min(maxRuns, runs.size());
        while (from > 0 && runs.get(from - 1).finishedAt().toEpochMilli() < oldestMillis) {
            from--;
        }
        List<ZooKeeperRunName> victims = runs.subList(Math.max(from, runs.size() - budget), runs.size());
        int removed = 0;
        for (int i = 0; i < victims.size(); i += ZooKeeperRunHistory.TRANSACTION_OPS) {
            List<CuratorOp> deletes = new ArrayList<>();
            for (ZooKeeperRunName victim : victims.subList(i, Math.min(victims.size(), i + ZooKeeperRunHistory.TRANSACTION_OPS))) {
                deletes.add(this.client.transactionOp().delete().forPath(container + "/" + victim.name()));
            }
            removed += ZooKeeperTransactions.applyAll(this.client, deletes, KeeperException.Code.NONODE);
        }
        if (!victims.isEmpty() && victims.size() == children.size()) {
            try {
                this.client.delete().forPath(container);
            }
            catch (KeeperException.NotEmptyException | KeeperException.NoNodeException ex) {
                // a run written meanwhile, or deleted by ZooKeeper or another instance
            }
        }
        return removed;
    }

    /** Takes or renews the lease: created when absent; replaced at its version when expired or this scheduler's. */
    private boolean takeLease(String schedulerId, Instant now) throws Exception {
        byte[] mine = new ZooKeeperLease(schedulerId, now.plus(LEASE_TIME).toEpochMilli(), 0).bytes();
        String path = this.paths.retentionLease();
        try {
            this.client.create().forPath(path, mine);
            return true;
        }
        catch (KeeperException.NodeExistsException ex) {
            // held, perhaps expired
        }
        Stat stat = new Stat();
        try {
            ZooKeeperLease held = ZooKeeperLease.parse(this.client.getData().storingStatIn(stat).forPath(path));
            if (!held.owner().equals(schedulerId) && held.heldAt(now.toEpochMilli())) {
                return false;
            }
            this.client.setData().withVersion(stat.getVersion()).forPath(path, mine);
            return true;
        }
        catch (KeeperException.NoNodeException | KeeperException.BadVersionException ex) {
            return false;
        }
    }

    /** The paths of the job containers, in name order. */
    static List<String> containers(CuratorFramework client, ZooKeeperPaths paths) throws Exception {
        List<String> containers = new ArrayList<>();
        for (String child : children(client, paths.runs())) {
            if (!child.startsWith(ZooKeeperPaths.MARKER_PREFIX)) {
                containers.add(paths.runs() + "/" + child);
            }
        }
        Collections.sort(containers);
        return containers;
    }

    /** The children of a znode; none when it does not exist. */
    static List<String> children(CuratorFramework client, String path) throws Exception {
        try {
            return client.getChildren().forPath(path);
        }
        catch (KeeperException.NoNodeException ex) {
            return List.of();
        }
    }
}
