package io.kairos.scheduler.store.zookeeper;

import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.StoredJob;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * The {@link io.kairos.scheduler.store.JobState#FINISHED} markers of a {@link ZooKeeperJobStore}: znodes
 * {@code finished/<id>} holding when the job finished (epoch milliseconds, the store's clock), a newline, and the
 * finished job's JSON. Writes that add a job include {@link #replaceOps} so that a job and its marker never exist
 * together. Thread-safe.
 */
final class ZooKeeperFinishedMarkers {

    /**
     * A marker as read.
     *
     * @param job the finished job, state {@code FINISHED}
     * @param finishedAtMillis when it finished
     * @param stat the marker znode's stat
     */
    record Marker(@Nullable StoredJob job, long finishedAtMillis, Stat stat) {
    }

    private final CuratorFramework client;

    private final ZooKeeperPaths paths;

    private final JobStoreContext context;

    ZooKeeperFinishedMarkers(CuratorFramework client, ZooKeeperPaths paths, JobStoreContext context) {
        this.client = client;
        this.paths = paths;
        this.context = context;
    }

    /**
     * Reads a marker.
     *
     * @param id the job id
     * @return the marker, or {@code null} when there is none (or its text cannot be read: a marker is only a record
     *     that a job ran, so an unreadable one is treated as absent and replaced by the next add)
     * @throws Exception when ZooKeeper fails
     */
    @Nullable Marker read(String id) throws Exception {
        Stat stat = new Stat();
        byte[] data;
        try {
            data = this.client.getData().storingStatIn(stat).forPath(this.paths.finished(id));
        }
        catch (KeeperException.NoNodeException ex) {
            return null;
        }
        String text = data == null ? "" : new String(data, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        try {
            long finishedAt = Long.parseLong(text.substring(0, Math.max(newline, 0)));
            StoredJob job = this.context.codec().decode(id, text.substring(newline + 1));
            return new Marker(job.asFinished(), finishedAt, stat);
        }
        catch (RuntimeException ex) {
            return new Marker(null, Long.MIN_VALUE, stat);
        }
    }

    /**
     * Operations that write the marker a finished job leaves, in the transaction that deletes the job: a marker left
     * with the id (there should be none: adding the job deleted it) is deleted at the version read first.
     *
     * @param finished the job as it finished
     * @return the operations
     * @throws Exception when ZooKeeper fails
     */
    List<CuratorOp> finishOps(StoredJob finished) throws Exception {
        String path = this.paths.finished(finished.id());
        byte[] text = (this.context.clock().millis() + "\n" + this.context.codec().encode(finished)).getBytes(StandardCharsets.UTF_8);
        CuratorOp create = this.client.transactionOp().create().forPath(path, text);
        Stat stale = this.client.checkExists().forPath(path);
        return stale == null ? List.of(create)
                : List.of(this.client.transactionOp().delete().withVersion(stale.getVersion()).forPath(path), create);
    }

    /**
     * Operations for a transaction that creates a job: delete the marker seen (at its version), or, when none was
     * seen, create and delete one, which fails the transaction with {@code NodeExists} if a marker appeared meanwhile.
     *
     * @param id the job id
     * @param seen the marker read before, or {@code null}
     * @return the operations
     * @throws Exception when Curator cannot build them
     */
    List<CuratorOp> replaceOps(String id, @Nullable Marker seen) throws Exception {
        String path = this.paths.finished(id);
        if (seen != null) {
            return List.of(this.client.transactionOp().delete().withVersion(seen.stat().getVersion()).forPath(path));
        }
        return List.of(this.client.transactionOp().create().forPath(path, new byte[0]),
                this.client.transactionOp().delete().forPath(path));
    }

    /**
     * Deletes a marker.
     *
     * @param id the job id
     * @return whether there was one
     * @throws Exception when ZooKeeper fails
     */
    boolean remove(String id) throws Exception {
        try {
            this.client.delete().forPath(this.paths.finished(id));
            return true;
        }
        catch (KeeperException.NoNodeException ex) {
            return false;
        }
    }

    /**
     * Deletes the markers that finished before an instant (reading each; unreadable ones are deleted too), each at
     * the version read.
     *
     * @param before the instant
     * @return how many were deleted
     * @throws Exception when ZooKeeper fails
     */
    int removeBefore(Instant before) throws Exception {
        int removed = 0;
        for (String child : this.client.getChildren().forPath(this.paths.finished())) {
            String id = ZooKeeperPaths.idOf(child);
            if (id == null) {
                continue;
            }
            Marker marker = read(id);
            if (marker != null && marker.finishedAtMillis() < before.toEpochMilli()) {
                try {
                    this.client.delete().withVersion(marker.stat().getVersion()).forPath(this.paths.finished(id));
                    removed++;
                }
                catch (KeeperException.NoNodeException | KeeperException.BadVersionException ex) {
                    // replaced or removed meanwhile
                }
            }
        }
        return removed;
    }
}
