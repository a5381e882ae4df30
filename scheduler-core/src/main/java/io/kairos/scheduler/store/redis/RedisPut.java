package io.kairos.scheduler.store.redis;

import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.store.JobAddOutcome;
import io.kairos.scheduler.store.JobCodec;
import io.kairos.scheduler.store.JobLookupException;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.redis.RedisJobRows.Row;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;


/**
 * One {@code put.lua} call for a list of jobs: the jobs encoded as the script's arguments, then, from the script's
 * reply, one outcome per job. A job the codec cannot write is an outcome failed with the codec's
 * {@link IllegalArgumentException} and is not sent. The call itself (sending, waiting for the reply, the
 * {@code NOSCRIPT} fallback) is the store's. Not thread-safe: one per call.
 */
final class RedisPut {

    private final List<StoredJob> jobs;

    private final JobAddOutcome[] outcomes;

    /** The positions in {@link #jobs} of the jobs sent, in argument order. */
    private final List<Integer> sent;

    /** The columns of each job sent, in argument order. */
    private final List<Row> rows;

    private final String[] args;

    private RedisPut(List<StoredJob> jobs, JobAddOutcome[] outcomes, List<Integer> sent, List<Row> rows, String[] args) {
        this.jobs = jobs;
        this.outcomes = outcomes;
        this.sent = sent;
        this.rows = rows;
        this.args = args;
    }

    /**
     * Encodes the jobs as {@code put.lua}'s arguments: the mode, the wake-up channel and publisher, the number of
     * arguments per job, then per job its id, JSON and next run time, followed by its fire time and broken reason
     * when any job of the call has either (five per job; else three). A fire time equal to the run time is sent as
     * {@code ""}: the store keeps no entry for it (see {@link RedisJobRows#rows}).
     *
     * @param jobs the jobs, each id at most once
     * @param mode {@code error}, {@code keep}, {@code replace} or {@code update}
     * @param wakeupChannel the channel the script publishes a wake-up on
     * @param schedulerId the publisher
     * @param codec writes each job's JSON
     * @return the call, not sent
     */
    static RedisPut encode(List<StoredJob> jobs, String mode, String wakeupChannel, String schedulerId, JobCodec codec) {
        JobAddOutcome[] outcomes = new JobAddOutcome[jobs.size()];
        List<Integer> sent = new ArrayList<>(jobs.size());
        List<Row> rows = new ArrayList<>(jobs.size());
        boolean plain = true;
        for (int i = 0; i < jobs.size(); i++) {
            StoredJob job = jobs.get(i);
            String json;
            try {
                json = codec.encode(job);
            }
            catch (IllegalArgumentException ex) {
                outcomes[i] = JobAddOutcome.failed(ex);
                continue;
            }
            Row columns = RedisJobRows.columnsOf(job, 0);
            Row row = new Row(job.id(), json, 0L, columns.nextRunTime(), columns.nextFireTime(), columns.brokenReason());
            plain &= storedFireTime(row).isEmpty() && row.brokenReason() == null;
            sent.add(i);
            rows.add(row);
        }
        int width = plain ? 3 : 5;
        String[] args = new String[4 + width * rows.size()];
        args[0] = mode;
        args[1] = wakeupChannel;
        args[2] = schedulerId;
        args[3] = Integer.toString(width);
        int a = 4;
        for (Row row : rows) {
            args[a] = row.id();
            args[a + 1] = Objects.requireNonNull(row.json(), "encoded above");
            args[a + 2] = RedisJobRows.millis(row.nextRunTime());
            if (!plain) {
                String reason = row.brokenReason();
                args[a + 3] = storedFireTime(row);
                args[a + 4] = reason == null ? "" : reason;
            }
            a += width;
        }
        return new RedisPut(jobs, outcomes, sent, rows, args);
    }

    /** The fire time argument: {@code ""} when there is none or it equals the run time (no entry is kept). */
    private static String storedFireTime(Row row) {
        Instant fire = row.nextFireTime();
        return fire == null || fire.equals(row.nextRunTime()) ? "" : RedisJobRows.millis(fire);
    }

    /**
     * Whether there is anything to send: {@code false} when the codec refused every job (or there were none).
     *
     * @return whether at least one job is sent
     */
    boolean sends() {
        return !this.sent.isEmpty();
    }

    /**
     * The script's arguments.
     *
     * @return the array itself, not a copy
     */
    String[] args() {
        return this.args;
    }

    /**
     * The number of jobs given, sent or not.
     *
     * @return the size
     */
    int size() {
        return this.jobs.size();
    }

    /**
     * What the call does, for error messages.
     *
     * @return e.g. {@code write job 'a'} or {@code write 1000 jobs}
     */
    String what() {
        return this.jobs.size() == 1 ? "write job '" + this.jobs.get(0).id() + "'" : "write " + this.jobs.size() + " jobs";
    }

    /**
     * Reads the script's reply: one entry per job sent, the new version ({@link Long}) when written, else
     * {@code {'missing'}}, {@code {'conflict'}} or {@code {'kept', <read.lua row fields>, finished}}.
     *
     * @param replies the reply; empty when nothing was sent
     * @param alias the store's alias, for conflict messages
     * @param read decodes the rows of kept jobs (and marks unreadable ones broken)
     * @return one outcome per job given, in order
     * @throws IllegalStateException when the reply is not one {@code put.lua} gives (another number of entries than
     *     jobs sent, or an entry of another shape)
     */
    @SuppressWarnings("unchecked")
    List<JobAddOutcome> outcomes(List<Object> replies, String alias, Function<List<Row>, List<StoredJob>> read) {
        if (replies.size() != this.sent.size()) {
            throw new IllegalStateException("put.lua replied with " + replies.size() + " entries for " + this.sent.size()
                    + " jobs sent; expected one per job");
        }
        for (int k = 0; k < this.sent.size(); k++) {
            int i = this.sent.get(k);
            StoredJob job = this.jobs.get(i);
            Row row = this.rows.get(k);
            Object reply = replies.get(k);
            if (reply instanceof Long version) {
                // written: put.lua replies with the new version alone
                this.outcomes[i] = JobAddOutcome.added(RedisJobRows.withColumns(job, new Row(job.id(), row.json(), version,
                        row.nextRunTime(), row.nextFireTime(), row.brokenReason())));
                continue;
            }
            if (!(reply instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof String)) {
                throw new IllegalStateException("put.lua replied " + reply + " for job '" + job.id() + "'");
            }
            List<Object> fields = (List<Object>) list;
            this.outcomes[i] = switch ((String) fields.get(0)) {
                case "missing" -> JobAddOutcome.failed(new JobLookupException(job.id()));
                case "conflict" -> JobAddOutcome.failed(new ConflictingJobIdException(job.id(), "job store '" + alias + "'"));
                case "kept" -> {
                    List<Object> kept = new ArrayList<>(fields.subList(0, RedisJobRows.READ_WIDTH));
                    kept.set(0, job.id());
                    StoredJob existing = read.apply(RedisJobRows.rows(kept, RedisJobRows.READ_WIDTH)).get(0);
                    // the reply's last field is '1' for a FINISHED marker
                    yield JobAddOutcome.kept("1".equals(fields.get(RedisJobRows.READ_WIDTH)) ? existing.asFinished() : existing);
                }
                default -> throw new IllegalStateException("put.lua replied " + reply);
            };
        }
        return Arrays.asList(this.outcomes);
    }
}
