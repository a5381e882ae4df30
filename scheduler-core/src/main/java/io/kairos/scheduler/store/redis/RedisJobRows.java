package io.kairos.scheduler.store.redis;

import io.kairos.scheduler.store.JobCodec;
import io.kairos.scheduler.store.JobDecodeException;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;


/**
 * Turns the Lua scripts' flat replies into jobs: decodes the JSON with the codec and lays the store's columns
 * (next run time, fire time, version, broken reason) over it. Jobs whose JSON cannot be decoded come back as
 * broken placeholders ({@link JobCodec#decodeBroken}) and are listed for marking. Thread-safe (stateless
 * apart from the codec).
 */
final class RedisJobRows {

    /** Width of a {@code read.lua} row: id, json, version, run time, fire time, broken reason. */
    static final int READ_WIDTH = 6;

    /** Width of an {@code acquire.lua} row: id, json, version, run time, fire time. */
    static final int ACQUIRE_WIDTH = 5;

    private final JobCodec codec;

    private final String alias;

    RedisJobRows(JobCodec codec, String alias) {
        this.codec = codec;
        this.alias = alias;
    }

    /**
     * One job as Redis holds it.
     *
     * @param id the job id
     * @param json the JSON as written by add or update
     * @param version the version column
     * @param nextRunTime the run_times score, or {@code null} when absent
     * @param nextFireTime the fire_times value; when absent, the run time (or {@code null} without one)
     * @param brokenReason the broken reason, or {@code null} when absent
     */
    record Row(String id, @Nullable String json, long version, @Nullable Instant nextRunTime, @Nullable Instant nextFireTime,
            @Nullable String brokenReason) {
    }

    /**
     * The decoded jobs of one reply, and the rows that could not be decoded (to be marked broken).
     *
     * @param jobs readable jobs and broken placeholders, in reply order
     * @param unreadable the rows whose JSON failed to decode, each with the reason, as
     *     {@code mark_broken.lua} arguments (id, version, reason)
     */
    record Decoded(List<StoredJob> jobs, List<String> unreadable) {
    }

    /**
     * Splits a flat script reply into rows. A scheduled job without a fire time entry gets its run time as its fire
     * time: {@code put.lua} keeps no entry for a fire time equal to the run time (no jitter).
     *
     * @param reply the reply: {@code width} strings per job
     * @param width {@link #READ_WIDTH} or {@link #ACQUIRE_WIDTH}
     * @return the rows
     */
    static List<Row> rows(List<Object> reply, int width) {
        List<Row> rows = new ArrayList<>(reply.size() / width);
        for (int i = 0; i + width <= reply.size(); i += width) {
            Instant run = instant(reply.get(i + 3));
            Instant fire = instant(reply.get(i + 4));
            rows.add(new Row((String) reply.get(i), (String) reply.get(i + 1), Long.parseLong((String) reply.get(i + 2)),
                    run, fire == null ? run : fire, width == READ_WIDTH ? blankToNull((String) reply.get(i + 5)) : null));
        }
        return rows;
    }

    /**
     * Decodes rows.
     *
     * @param rows the rows
     * @return the jobs (unreadable rows as broken placeholders) and the unreadable rows
     */
    Decoded decode(List<Row> rows) {
        List<StoredJob> jobs = new ArrayList<>(rows.size());
        List<String> unreadable = new ArrayList<>();
        for (Row row : rows) {
            StoredJob job;
            try {
                // no JSON reads as empty text: unreadable, as the codec reports it
                job = withColumns(this.codec.decode(row.id(), Objects.requireNonNullElse(row.json(), "")), row);
            }
            catch (RuntimeException ex) {
                String reason = row.brokenReason() != null ? row.brokenReason() : reasonOf(ex, row.id());
                if (row.brokenReason() == null) {
                    unreadable.add(row.id());
                    unreadable.add(Long.toString(row.version()));
                    unreadable.add(reason);
                }
                long version = row.brokenReason() == null ? row.version() + 1 : row.version();
                job = this.codec.decodeBroken(row.id(), row.json(), this.alias, reason).withVersion(version);
            }
            jobs.add(job);
        }
        return new Decoded(jobs, unreadable);
    }

    /**
     * Lays the store's columns over a decoded job: they, not the JSON, say the version, the state and the
     * times (at millisecond precision, the precision Redis keeps).
     *
     * @param decoded the job from the JSON (or the job being written)
     * @param row the columns
     * @return the job as the store holds it
     */
    static StoredJob withColumns(StoredJob decoded, Row row) {
        String reason = row.brokenReason();
        if (reason == null && decoded.state() == JobState.BROKEN) {
            reason = decoded.brokenReason();
        }
        if (reason != null) {
            return decoded.asBroken(reason).withVersion(row.version());
        }
        return decoded.withNextRunTime(row.nextRunTime(), row.nextFireTime()).withVersion(row.version());
    }

    /**
     * The columns a job writes: times in epoch milliseconds, the broken reason.
     *
     * @param job the job being written
     * @param version the version it got
     * @return the row (its json is {@code null})
     */
    static Row columnsOf(StoredJob job, long version) {
        return new Row(job.id(), null, version, truncate(job.nextRunTime()),
                job.nextRunTime() == null ? null : truncate(job.nextFireTime()),
                job.state() == JobState.BROKEN ? brokenReason(job) : null);
    }

    /**
     * Epoch milliseconds as a script argument.
     *
     * @param instant the instant, or {@code null}
     * @return the milliseconds, or {@code ""} for {@code null}
     */
    static String millis(@Nullable Instant instant) {
        return instant == null ? "" : Long.toString(instant.toEpochMilli());
    }

    private static String brokenReason(StoredJob job) {
        String reason = job.brokenReason();
        return reason == null || reason.isEmpty() ? "(no reason given)" : reason;
    }

    private static @Nullable Instant truncate(@Nullable Instant instant) {
        return instant == null ? null : Instant.ofEpochMilli(instant.toEpochMilli());
    }

    private static @Nullable Instant instant(@Nullable Object millis) {
        String text = blankToNull((String) millis);
        // Redis prints integral scores without a fraction; parse as double to accept "1.7e12" forms too.
        return text == null ? null : Instant.ofEpochMilli((long) Double.parseDouble(text));
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static String reasonOf(RuntimeException ex, String jobId) {
        if (ex instanceof JobDecodeException && ex.getMessage() != null) {
            return ex.getMessage();
        }
        String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getName();
        return "stored job '" + jobId + "' cannot be read: " + message;
    }
}
