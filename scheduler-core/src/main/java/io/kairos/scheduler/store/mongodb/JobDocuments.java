package io.kairos.scheduler.store.mongodb;

import io.kairos.scheduler.store.JobDecodeException;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.StoredJob;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Turns jobs into the fields of their MongoDB document and documents back into jobs. A document holds:
 * {@code _id} (the job id), {@code job} (the codec's JSON as a sub-document, see {@link JsonDocuments}; or
 * {@code job_json}, the JSON text, when the JSON has keys a document field cannot carry), {@code next_run_time} and
 * {@code next_fire_time} (BSON dates, {@code null} when paused or broken), {@code state}, {@code broken_reason},
 * {@code version}, and the lease: {@code lease_owner}, {@code lease_until} (a date), {@code lease_id} (the acquisition
 * that set it). A {@code FINISHED} marker (a finished job whose id the caller chose) is the job's document with state
 * {@code FINISHED}, no run times, no lease, and {@code finished_at} (a date). The fields outside {@code job} win over
 * what the JSON says. Thread-safe.
 */
final class JobDocuments {

    static final String ID = "_id";

    static final String JOB = "job";

    static final String JOB_JSON = "job_json";

    static final String NEXT_RUN_TIME = "next_run_time";

    static final String NEXT_FIRE_TIME = "next_fire_time";

    static final String STATE = "state";

    static final String BROKEN_REASON = "broken_reason";

    static final String VERSION = "version";

    static final String LEASE_OWNER = "lease_owner";

    static final String LEASE_UNTIL = "lease_until";

    static final String LEASE_ID = "lease_id";

    /** When a {@code FINISHED} marker was written (a date); absent on jobs. */
    static final String FINISHED_AT = "finished_at";

    /** The longest broken reason stored; longer ones are cut (with an ellipsis), as in the JDBC store. */
    static final int MAX_REASON_LENGTH = 4000;

    private final JobStoreContext context;

    JobDocuments(JobStoreContext context) {
        this.context = context;
    }

    /**
     * The fields an add or update writes: the job data and the columns (not the version, not the lease).
     *
     * @param job the job
     * @param withData whether to write the job data too ({@code false} keeps the stored data: a broken job whose
     *     data could not be read)
     * @return the fields for {@code $set}
     * @throws IllegalArgumentException when the codec cannot write the job (a non-JSON argument)
     */
    Document fields(StoredJob job, boolean withData) {
        Document set = new Document();
        if (withData) {
            String json = this.context.codec().encode(job);
            Document data = JsonDocuments.toDocument(json, true);
            set.append(JOB, data).append(JOB_JSON, data == null ? json : null);
        }
        set.append(NEXT_RUN_TIME, date(job.nextRunTime()))
            .append(NEXT_FIRE_TIME, job.nextRunTime() == null ? null : date(job.nextFireTime()))
            .append(STATE, job.state().name())
            .append(BROKEN_REASON, job.state() == JobState.BROKEN ? reason(brokenReason(job)) : null);
        return set;
    }

    /**
     * Reads a document; one that cannot be read comes back as a broken job with what could be read.
     *
     * @param document the document
     * @return the job
     */
    StoredJob read(Document document) {
        try {
            return decode(document);
        }
        catch (RuntimeException ex) { // decoding does no I/O: whatever it throws comes from the document
            return broken(document, reasonOf(ex));
        }
    }

    /**
     * Reads a document strictly.
     *
     * @param document the document
     * @return the job
     * @throws JobDecodeException when the data cannot be read or disagrees with the fields
     */
    StoredJob decode(Document document) {
        String id = idOf(document);
        if (!(document.get(ID) instanceof String)) {
            throw new JobDecodeException(id, "stored job " + id + " has an _id that is not a string", null);
        }
        if (!(document.get(VERSION) instanceof Number number) || number.longValue() != number.doubleValue()) {
            throw new JobDecodeException(id, "stored job '" + id + "' has no whole-number version", null);
        }
        JobState state;
        try {
            state = JobState.valueOf(document.getString(STATE));
        }
        catch (IllegalArgumentException | NullPointerException | ClassCastException ex) {
            throw new JobDecodeException(id, "stored job '" + id + "' has an unknown state " + document.get(STATE), ex);
        }
        StoredJob d = this.context.codec().decode(json(document));
        try {
            return new StoredJob(id, d.name(), d.task(), d.args(), d.kwargs(), d.trigger(), d.executor(), d.jobstore(),
                    d.misfireGraceTime(), d.coalesce(), d.maxInstances(), d.jitter(), instant(document, NEXT_RUN_TIME),
                    state == JobState.FINISHED ? null : instant(document, NEXT_FIRE_TIME), state,
                    state == JobState.BROKEN ? document.getString(BROKEN_REASON) : null, version(document), d.timeout(),
                    d.keepsFinishedMarker(), d.retry(), state == JobState.SCHEDULED ? d.pendingRetry() : null);
        }
        catch (IllegalArgumentException ex) {
            throw new JobDecodeException(id, "stored job '" + id + "' disagrees with its fields: " + ex.getMessage(), ex);
        }
    }

    /**
     * A document as a broken job.
     *
     * @param document the document
     * @param reason why it cannot be read; the document's own broken reason wins when it has one
     * @return the broken job with the document's version (0 when it has none)
     */
    StoredJob broken(Document document, String reason) {
        String why = document.get(BROKEN_REASON) instanceof String stored && !stored.isEmpty() ? stored : reason;
        String json;
        try {
            json = json(document);
        }
        catch (RuntimeException ex) {
            json = null;
        }
        return this.context.codec().decodeBroken(idOf(document), json, this.context.alias(), why).withVersion(version(document));
    }

    /**
     * The JSON text of a document's job data.
     *
     * @throws JobDecodeException when the document has neither {@code job} nor {@code job_json}, or {@code job} holds
     *     a BSON type JSON has no form for
     */
    private static String json(Document document) {
        Object data = document.get(JOB);
        if (data instanceof Document sub) {
            return JsonDocuments.toJson(sub);
        }
        if (document.get(JOB_JSON) instanceof String text) {
            return text;
        }
        throw new JobDecodeException(idOf(document), "stored job " + idOf(document) + " has neither a 'job' sub-document nor "
                + "'job_json' text", null);
    }

    /** The job id of a document: its {@code _id} as text (a non-string {@code _id} as its string form). */
    static String idOf(Document document) {
        Object id = document.get(ID);
        return id instanceof String text ? text : String.valueOf(id);
    }

    /** The version as a number, 0 when the document has no usable one. */
    static long version(Document document) {
        return document.get(VERSION) instanceof Number number ? number.longValue() : 0;
    }

    private static @Nullable Instant instant(Document document, String field) {
        Object value = document.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        throw new JobDecodeException(idOf(document), "stored job '" + idOf(document) + "': " + field + " is not a date but "
                + value.getClass().getSimpleName(), null);
    }

    static @Nullable Date date(@Nullable Instant instant) {
        return instant == null ? null : new Date(instant.toEpochMilli());
    }

    static String reason(String reason) {
        return reason == null || reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH - 3) + "...";
    }

    private static String brokenReason(StoredJob job) {
        String reason = job.brokenReason();
        return reason == null || reason.isEmpty() ? "(no reason given)" : reason;
    }

    static String reasonOf(RuntimeException ex) {
        String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getName();
        return ex instanceof JobDecodeException ? message : "stored job cannot be read: " + message;
    }
}
