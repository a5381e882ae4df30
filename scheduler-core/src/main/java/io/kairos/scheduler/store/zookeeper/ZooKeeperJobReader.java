package io.kairos.scheduler.store.zookeeper;

import io.kairos.scheduler.store.JobDecodeException;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.StoredJob;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads job znodes. A znode whose JSON cannot be decoded comes back as a broken placeholder
 * ({@link io.kairos.scheduler.store.JobCodec#decodeBroken}); the first time, its index entry is cleared and the
 * reason written to {@code broken/<id>} (conditional on the znode's version; the JSON is never touched). Thread-safe.
 */
final class ZooKeeperJobReader {

    private static final Logger logger = LoggerFactory.getLogger(ZooKeeperJobReader.class);

    /**
     * A job as read, with its znode's stat.
     *
     * @param job the job (version = znode version + 1), possibly a broken placeholder
     * @param stat the job znode's stat
     * @param markedBroken whether this read found the JSON unreadable and marked the job broken (the first read that
     *     did)
     */
    record Read(StoredJob job, Stat stat, boolean markedBroken) {
    }

    private final CuratorFramework client;

    private final ZooKeeperPaths paths;

    private final JobStoreContext context;

    ZooKeeperJobReader(CuratorFramework client, ZooKeeperPaths paths, JobStoreContext context) {
        this.client = client;
        this.paths = paths;
        this.context = context;
    }

    Optional<StoredJob> lookup(String id) throws Exception {
        Read read = read(id);
        return read == null ? Optional.empty() : Optional.of(read.job());
    }

    /**
     * Reads one job.
     *
     * @param id the job id
     * @return the job and its stat, or {@code null} when there is no such job
     * @throws Exception when ZooKeeper fails
     */
    @Nullable Read read(String id) throws Exception {
        Stat stat = new Stat();
        byte[] data;
        try {
            data = this.client.getData().storingStatIn(stat).forPath(this.paths.job(id));
        }
        catch (KeeperException.NoNodeException ex) {
            return null;
        }
        String json = data == null ? null : new String(data, StandardCharsets.UTF_8);
        try {
            // no data reads as empty text: unreadable, as the codec reports it
            StoredJob job = this.context.codec().decode(id, Objects.requireNonNullElse(json, ""));
            if (!job.id().equals(id)) {
                throw new IllegalArgumentException("the JSON holds job '" + job.id() + "', not '" + id + "'");
            }
            return new Read(job.withVersion(stat.getVersion() + 1L), stat, false);
        }
        catch (RuntimeException ex) {
            String recorded = recordedReason(id);
            String reason = recorded != null ? recorded : reasonOf(id, ex);
            boolean marked = recorded == null && markBroken(id, stat, reason);
            return new Read(this.context.codec().decodeBroken(id, json, this.context.alias(), reason)
                    .withVersion(stat.getVersion() + 1L), stat, marked);
        }
    }

    private @Nullable String recordedReason(String id) throws Exception {
        try {
            return new String(this.client.getData().forPath(this.paths.broken(id)), StandardCharsets.UTF_8);
        }
        catch (KeeperException.NoNodeException absent) {
            return null;
        }
    }

    private static String reasonOf(String id, RuntimeException ex) {
        String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getName();
        return ex instanceof JobDecodeException ? message : "stored job '" + id + "' cannot be read: " + message;
    }

    /** Records the reason and clears the index entry; {@code true} when this call did it. */
    private boolean markBroken(String id, Stat stat, String reason) throws Exception {
        try {
            this.client.transaction().forOperations(
                    this.client.transactionOp().check().withVersion(stat.getVersion()).forPath(this.paths.job(id)),
                    this.client.transactionOp().setData().forPath(this.paths.due(id), new byte[0]),
                    this.client.transactionOp().create().forPath(this.paths.broken(id), reason.getBytes(StandardCharsets.UTF_8)));
            logger.warn("Job '{}' in ZooKeeper job store '{}' cannot be read; it is marked broken and kept: {}", id,
                    this.context.alias(), reason);
            return true;
        }
        catch (KeeperException.NoNodeException noIndexEntry) {
            // a job znode written without its index entry (by hand): it is not due anyway; record the reason alone
            this.client.create().forPath(this.paths.broken(id), reason.getBytes(StandardCharsets.UTF_8));
            return false;
        }
        catch (KeeperException.BadVersionException | KeeperException.NodeExistsException raced) {
            // changed or marked by someone else meanwhile: the next read sees it
            return false;
        }
    }
}
