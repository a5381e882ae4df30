package io.kairos.scheduler.store.redis;

import io.kairos.scheduler.store.JobCounts;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the key sizes {@code count.lua} reads into {@link JobCounts}: scheduled jobs are the members of
 * {@code run_times}, broken ones the fields of {@code broken}, paused ones the other fields of {@code jobs} that are no
 * FINISHED marker. Sizes that disagree (keys written by hand or by an older version, a marker in {@code broken}) would
 * make a count negative: it is then 0, with a WARN naming the keys and their sizes, so that a count never fails.
 */
final class RedisJobCounts {

    private static final Logger logger = LoggerFactory.getLogger(RedisJobCounts.class);

    private RedisJobCounts() {
    }

    /**
     * The counts.
     *
     * @param sizes what {@code count.lua} returns: the fields of jobs, the members of finished, the members of
     *     run_times and the fields of broken
     * @param keys the store's keys, named in the WARN
     * @return the counts, none negative
     */
    static JobCounts of(List<Long> sizes, RedisJobStoreKeys keys) {
        long jobs = sizes.get(0);
        long finished = sizes.get(1);
        long scheduled = sizes.get(2);
        long broken = sizes.get(3);
        long paused = jobs - finished - scheduled - broken;
        if (paused < 0) {
            logger.warn("Redis job store: the key sizes disagree, so the paused count is taken as 0 instead of {}: {} has {} "
                    + "fields, {} {} members (FINISHED markers), {} {} members (scheduled), {} {} fields (broken); "
                    + "the counts may be off until the keys agree again", paused, keys.jobs(), jobs, keys.finished(), finished,
                    keys.runTimes(), scheduled, keys.broken(), broken);
            paused = 0;
        }
        return new JobCounts(scheduled, paused, broken);
    }
}
