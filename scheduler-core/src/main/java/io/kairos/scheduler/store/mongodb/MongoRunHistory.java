package io.kairos.scheduler.store.mongodb;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.history.RunRetention;
import io.kairos.scheduler.store.RunRecordCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The MongoDB store's run history: the collection {@code <jobs collection>_runs} next to the jobs, one document per
 * run: {@code _id} (the run id, so a record written twice is kept once), {@code job_id}, {@code finished_at} (a date),
 * {@code outcome}, and {@code run}, the record as the shared stores write it ({@link RunRecordCodec}) as a
 * sub-document. Indexed for "runs of a job, newest first" ({@code job_id, finished_at, _id}), "all runs, newest first"
 * and the age retention ({@code finished_at, _id}), and "runs of an outcome since" ({@code outcome, finished_at}).
 *
 * <p>Every write is a single-document operation: an unordered {@code insertMany} whose duplicate-key errors are
 * ignored; the retention lease is the document {@code _id: "~retention"} ({@code owner}, {@code until}), taken by an
 * upsert whose filter is "expired or mine" (a concurrent holder makes the upsert fail on {@code _id}, which means
 * "not mine"); retention deletes by {@code _id} in batches. Thread-safe.
 */
final class MongoRunHistory implements RunHistory {

    /** The {@code _id} of the retention lease document, left out of every read. */
    static final String LEASE_ID = "~retention";

    /** How long the retention lease lasts; the holder renews it each time it enforces the retention. */
    static final Duration LEASE_TIME = Duration.ofMinutes(5);

    static final String ID = "_id";

    static final String JOB_ID = "job_id";

    static final String FINISHED_AT = "finished_at";

    static final String OUTCOME = "outcome";

    static final String RUN = "run";

    private static final Bson NOT_LEASE = Filters.ne(ID, LEASE_ID);

    private static final Bson NEWEST_FIRST = Sorts.descending(FINISHED_AT, ID);

    /** Runs a MongoDB operation, turning driver failures into store exceptions. */
    interface Calls {

        <T> T call(String what, Supplier<T> operation);
    }

    private final MongoCollection<Document> runs;

    private final Calls calls;

    MongoRunHistory(MongoCollection<Document> runs, Calls calls) {
        this.runs = runs;
        this.calls = calls;
    }

    /**
     * Creates the indexes when missing.
     *
     * @throws MongoException when the server fails
     */
    void createIndexes() {
        this.runs.createIndex(Indexes.compoundIndex(Indexes.ascending(JOB_ID), Indexes.descending(FINISHED_AT, ID)),
                new IndexOptions().name("kairos_runs_job"));
        this.runs.createIndex(Indexes.descending(FINISHED_AT, ID), new IndexOptions().name("kairos_runs_finished"));
        this.runs.createIndex(Indexes.compoundIndex(Indexes.ascending(OUTCOME), Indexes.descending(FINISHED_AT)),
                new IndexOptions().name("kairos_runs_outcome"));
    }

    @Override
    public void record(List<RunRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Document> documents = new ArrayList<>(records.size());
        for (RunRecord run : records) {
            documents.add(new Document(ID, run.runId()).append(JOB_ID, run.jobId()).append(FINISHED_AT, JobDocuments.date(run.finishedAt()))
                .append(OUTCOME, run.outcome().name()).append(RUN, JsonDocuments.toDocument(RunRecordCodec.write(run))));
        }
        this.calls.call("record runs", () -> {
            try {
                this.runs.insertMany(documents, new InsertManyOptions().ordered(false));
            }
            catch (MongoBulkWriteException ex) {
                // a batch written again after an answer was lost: the runs already there are kept once
                for (BulkWriteError error : ex.getWriteErrors()) {
                    if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw ex;
                    }
                }
                if (ex.getWriteConcernError() != null) {
                    throw ex;
                }
            }
            return null;
        });
    }

    @Override
    public List<RunRecord> findRuns(RunQuery query) {
        List<Bson> filters = new ArrayList<>(List.of(NOT_LEASE));
        if (query.jobId() != null) {
            filters.add(Filters.eq(JOB_ID, query.jobId()));
        }
        if (!query.outcomes().isEmpty()) {
            filters.add(Filters.in(OUTCOME, query.outcomes().stream().map(RunOutcome::name).sorted().toList()));
        }
        if (query.since() != null) {
            filters.add(Filters.gte(FINISHED_AT, JobDocuments.date(query.since())));
        }
        if (query.until() != null) {
            filters.add(Filters.lt(FINISHED_AT, JobDocuments.date(query.until())));
        }
        if (query.after() != null) {
            Date finished = JobDocuments.date(query.after().finishedAt());
            filters.add(Filters.or(Filters.lt(FINISHED_AT, finished),
                    Filters.and(Filters.eq(FINISHED_AT, finished), Filters.lt(ID, query.after().runId()))));
        }
        return this.calls.call("read runs", () -> {
            List<RunRecord> found = new ArrayList<>();
            for (Document document : this.runs.find(Filters.and(filters)).sort(NEWEST_FIRST).limit(query.limit())
                .projection(Projections.include(RUN))) {
                found.add(RunRecordCodec.read(JsonDocuments.toJson(document.get(RUN, Document.class))));
            }
            return found;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One aggregation: the jobs' runs ({@code $in} on the job index), sorted by job and newest first (the order of
     * the index {@code job_id, finished_at, _id}, so no in-memory sort), grouped by job keeping the first. The server
     * walks the index entries of the jobs asked for (bounded by {@code max-runs-per-job} per job); the plan is not
     * checked by the tests (they run on an in-process wire-protocol server).
     */
    @Override
    public Map<String, RunRecord> lastRuns(Collection<String> jobIds) {
        List<String> ids = RunHistory.checkJobIds(jobIds);
        Map<String, RunRecord> newest = new HashMap<>();
        if (ids.isEmpty()) {
            return newest;
        }
        return this.calls.call("read last runs", () -> {
            for (Document document : this.runs.aggregate(List.of(Aggregates.match(Filters.and(Filters.in(JOB_ID, ids), NOT_LEASE)),
                    Aggregates.sort(Sorts.orderBy(Sorts.ascending(JOB_ID), NEWEST_FIRST)),
                    Aggregates.group("$" + JOB_ID, Accumulators.first(RUN, "$" + RUN))))) {
                RunRecord run = RunRecordCodec.read(JsonDocuments.toJson(document.get(RUN, Document.class)));
                newest.put(run.jobId(), run);
            }
            return newest;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Takes the retention lease (one upsert), then reads the ids of up to {@code batchSize} runs past the age,
     * oldest first; when that leaves room, finds the jobs with more than {@code maxRunsPerJob} runs (one aggregation
     * over the job index) and reads the ids beyond each one's newest runs; deletes them with one {@code deleteMany}.
     */
    @Override
    public int removeExpiredRuns(String schedulerId, RunRetention retention, Instant now, int batchSize) {
        if (!takeLease(schedulerId, now)) {
            return 0;
        }
        return this.calls.call("remove expired runs", () -> {
            List<Object> ids = new ArrayList<>(batchSize);
            this.runs.find(Filters.and(NOT_LEASE, Filters.lt(FINISHED_AT, JobDocuments.date(now.minus(retention.maxAge())))))
                .sort(Sorts.ascending(FINISHED_AT)).limit(batchSize).projection(Projections.include(ID)).forEach((d) -> ids.add(d.get(ID)));
            if (ids.size() < batchSize) {
                List<Object> crowded = new ArrayList<>();
                this.runs.aggregate(List.of(Aggregates.match(NOT_LEASE), Aggregates.group("$" + JOB_ID, Accumulators.sum("n", 1)),
                        Aggregates.match(Filters.gt("n", retention.maxRunsPerJob())), Aggregates.limit(batchSize)))
                    .forEach((d) -> crowded.add(d.get(ID)));
                for (int i = 0; i < crowded.size() && ids.size() < batchSize; i++) {
                    this.runs.find(Filters.and(NOT_LEASE, Filters.eq(JOB_ID, crowded.get(i)))).sort(NEWEST_FIRST)
                        .skip(retention.maxRunsPerJob()).limit(batchSize - ids.size()).projection(Projections.include(ID))
                        .forEach((d) -> ids.add(d.get(ID)));
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            return (int) this.runs.deleteMany(Filters.in(ID, ids)).getDeletedCount();
        });
    }

    /** Takes or renews the retention lease: an upsert on "expired, or mine"; a duplicate key means another holds it. */
    private boolean takeLease(String schedulerId, Instant now) {
        return this.calls.call("take the run history retention lease", () -> {
            try {
                this.runs.findOneAndUpdate(Filters.and(Filters.eq(ID, LEASE_ID),
                        Filters.or(Filters.lte("until", JobDocuments.date(now)), Filters.eq("owner", schedulerId))),
                        Updates.combine(Updates.set("owner", schedulerId), Updates.set("until", JobDocuments.date(now.plus(LEASE_TIME)))),
                        new FindOneAndUpdateOptions().upsert(true));
                return true;
            }
            catch (MongoWriteException ex) {
                if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    return false;
                }
                throw ex;
            }
            catch (MongoException ex) {
                if (ErrorCategory.fromErrorCode(ex.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                    return false;
                }
                throw ex;
            }
        });
    }
}
