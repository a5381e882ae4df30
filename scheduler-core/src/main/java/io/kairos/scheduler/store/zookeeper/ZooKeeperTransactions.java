package io.kairos.scheduler.store.zookeeper;

import java.util.ArrayList;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;

/**
 * Applies many independent znode operations (the run history's creates and deletes) in few ZooKeeper transactions,
 * where an operation that fails with one expected error is dropped instead of failing the others: a create whose
 * znode exists (written before, by an earlier try whose answer was lost), a delete whose znode is gone (removed by
 * another instance). A transaction fails as a whole, so the failed operation is dropped and the rest tried again;
 * after {@value #MULTI_ATTEMPTS} such failures the remaining operations go one per transaction. Stateless
 * and thread-safe.
 */
final class ZooKeeperTransactions {

    /** How many transactions of a chunk are tried before the operations go one by one. */
    static final int MULTI_ATTEMPTS = 3;

    private ZooKeeperTransactions() {
    }

    /**
     * Applies the operations.
     *
     * @param client the started client
     * @param ops the operations, at most one transaction's worth (the caller keeps the request under ZooKeeper's
     *     packet limit, {@code jute.maxbuffer})
     * @param expected the error that drops an operation
     * @return how many operations were applied (the others failed with {@code expected})
     * @throws Exception when an operation fails with another error, or ZooKeeper fails
     */
    static int applyAll(CuratorFramework client, List<CuratorOp> ops, KeeperException.Code expected) throws Exception {
        List<CuratorOp> pending = new ArrayList<>(ops);
        for (int attempt = 0; attempt < MULTI_ATTEMPTS && !pending.isEmpty(); attempt++) {
            try {
                client.transaction().forOperations(pending);
                return pending.size();
            }
            catch (KeeperException ex) {
                int failed = failedOp(ex);
                if (ex.code() != expected || failed < 0) {
                    throw ex;
                }
                pending.remove(failed);
            }
        }
        int applied = 0;
        for (CuratorOp op : pending) {
            try {
                client.transaction().forOperations(op);
                applied++;
            }
            catch (KeeperException ex) {
                if (ex.code() != expected) {
                    throw ex;
                }
            }
        }
        return applied;
    }

    /** The index of the operation that failed a transaction, or -1 when ZooKeeper did not say. */
    private static int failedOp(KeeperException ex) {
        List<OpResult> results = ex.getResults();
        if (results == null) {
            return -1;
        }
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof OpResult.ErrorResult error && error.getErr() != KeeperException.Code.OK.intValue()
                    && error.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                return i;
            }
        }
        return -1;
    }
}
