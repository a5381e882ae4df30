package io.kairos.scheduler.store.zookeeper;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;


/**
 * A lease znode's content: {@code owner \n expiry-millis \n job-czxid}. The job's creation zxid ties the lease to
 * one incarnation of the job: a lease left over from a job that was removed and added again under the same id does
 * not hold the new job. Immutable.
 *
 * @param owner the scheduler id holding the lease
 * @param untilMillis when the lease expires, epoch milliseconds on the schedulers' clocks
 * @param jobCzxid the creation zxid of the job znode leased
 */
record ZooKeeperLease(String owner, long untilMillis, long jobCzxid) {

    byte[] bytes() {
        return (this.owner + "\n" + this.untilMillis + "\n" + this.jobCzxid).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a lease znode's content.
     *
     * @param data the bytes, may be {@code null}
     * @return the lease; one that cannot be read has no owner and expired long ago, so it holds nothing
     */
    static ZooKeeperLease parse(byte @Nullable [] data) {
        if (data != null) {
            String[] parts = new String(data, StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length == 3) {
                try {
                    return new ZooKeeperLease(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
                }
                catch (NumberFormatException ex) {
                    // falls through: an unreadable lease holds nothing
                }
            }
        }
        return new ZooKeeperLease("", Long.MIN_VALUE, -1);
    }

    boolean heldAt(long nowMillis) {
        return this.untilMillis > nowMillis;
    }
}
