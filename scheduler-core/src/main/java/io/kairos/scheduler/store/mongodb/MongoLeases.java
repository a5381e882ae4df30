package io.kairos.scheduler.store.mongodb;

import static io.kairos.scheduler.store.mongodb.JobDocuments.BROKEN_REASON;
import static io.kairos.scheduler.store.mongodb.JobDocuments.FINISHED_AT;
import static io.kairos.scheduler.store.mongodb.JobDocuments.ID;
import static io.kairos.scheduler.store.mongodb.JobDocuments.LEASE_ID;
import static io.kairos.scheduler.store.mongodb.JobDocuments.LEASE_OWNER;
import static io.kairos.scheduler.store.mongodb.JobDocuments.LEASE_UNTIL;
import static io.kairos.scheduler.store.mongodb.JobDocuments.NEXT_FIRE_TIME;
import static io.kairos.scheduler.store.mongodb.JobDocuments.NEXT_RUN_TIME;
import static io.kairos.scheduler.store.mongodb.JobDocuments.STATE;
import static io.kairos.scheduler.store.mongodb.JobDocuments.VERSION;
import static io.kairos.scheduler.store.mongodb.JobDocuments.date;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.LeaseHolder;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease protocol of {@link MongoJobStore} on one collection: acquisition, extension, release, marking broken, and
 * the next run time. Every write is a single-document atomic operation whose filter carries its condition (due and
 * unleased; lease owner; version), so schedulers sharing the collection need no transaction. Driver exceptions pass
 * through (the store turns them into {@code JobStoreException}). Thread-safe.
 */
final class MongoLeases {

    private static final Logger logger = LoggerFactory.getLogger(MongoLeases.class);

    /** How many times acquisition asks again when other schedulers leased some of the ids it read first. */
    private static final int ACQUIRE_ROUNDS = 3;

    private static final Bson DROP_LEASE = Updates.combine(Updates.set(LEASE_OWNER, null), Updates.set(LEASE_UNTIL, null),
            Updates.set(LEASE_ID, null));

    private final MongoCollection<Document> jobs;

    private final JobDocuments documents;

    private final String alias;

    MongoLeases(MongoCollection<Document> jobs, JobDocuments documents, String alias) {
        this.jobs = jobs;
        this.documents = documents;
        this.alias = alias;
    }

    /**
     * Leases up to {@code limit} due jobs: reads due, unleased ids in (next run time, id) order, leases them with one
     * {@code updateMany} that repeats the condition, reads back the documents it leased (marked with a fresh lease id).
     */
    List<StoredJob> acquire(String schedulerId, Instant now, int limit, Instant leaseUntil) {
        return acquire(schedulerId, now, limit, leaseUntil, dueAndUnleased(now, now));
    }

    /**
     * As {@link #acquire(String, Instant, int, Instant)}, only jobs whose executor is one of {@code executors}: the
     * {@code job.executor} field, a job without one counting as {@code default}. A job kept as JSON text (no
     * {@code job} sub-document) is taken whatever its executor; the scheduler gives back one it cannot run.
     */
    List<StoredJob> acquire(String schedulerId, Instant now, int limit, Instant leaseUntil, Set<String> executors) {
        return acquire(schedulerId, now, limit, leaseUntil, Filters.and(dueAndUnleased(now, now), executorIn(executors)));
    }

    /**
     * Counts, by executor alias, the unleased jobs due at or before {@code dueBefore} whose executor is not one of
     * {@code executors}, looking at the earliest {@code scanLimit} of them (so the counts are lower bounds).
     * Documents that cannot be read are not counted.
     */
    Map<String, Integer> countDueWithoutExecutor(Instant dueBefore, Instant now, Set<String> executors, int scanLimit) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (Document document : this.jobs.find(dueAndUnleased(dueBefore, now)).sort(Sorts.ascending(NEXT_RUN_TIME, ID))
            .limit(scanLimit)) {
            String executor;
            try {
                executor = this.documents.decode(document).executor();
            }
            catch (RuntimeException ex) {
                continue;
            }
            if (!executors.contains(executor)) {
                counts.merge(executor, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Bson dueAndUnleased(Instant dueBefore, Instant now) {
        Date nowDate = date(now);
        return Filters.and(Filters.lte(NEXT_RUN_TIME, date(dueBefore)),
                Filters.or(Filters.eq(LEASE_UNTIL, null), Filters.lte(LEASE_UNTIL, nowDate)));
    }

    private static Bson executorIn(Set<String> executors) {
        List<Bson> any = new ArrayList<>(List.of(Filters.in(JobDocuments.JOB + ".executor", executors),
                Filters.not(Filters.type(JobDocuments.JOB, org.bson.BsonType.DOCUMENT))));
        if (executors.contains("default")) {
            any.add(Filters.exists(JobDocuments.JOB + ".executor", false));
        }
        return Filters.or(any);
    }

    private List<StoredJob> acquire(String schedulerId, Instant now, int limit, Instant leaseUntil, Bson due) {
        List<StoredJob> acquired = new ArrayList<>();
        List<Document> unreadable = new ArrayList<>();
        for (int round = 0; round < ACQUIRE_ROUNDS && acquired.size() < limit; round++) {
            int wanted = limit - acquired.size();
            List<Object> ids = new ArrayList<>(wanted);
            this.jobs.find(due).sort(Sorts.ascending(NEXT_RUN_TIME, ID)).limit(wanted).projection(Projections.include(ID))
                .forEach((d) -> ids.add(d.get(ID)));
            if (ids.isEmpty()) {
                break;
            }
            String leaseId = UUID.randomUUID().toString();
            this.jobs.updateMany(Filters.and(Filters.in(ID, ids), due), Updates.combine(Updates.set(LEASE_OWNER, schedulerId),
                    Updates.set(LEASE_UNTIL, date(leaseUntil)), Updates.set(LEASE_ID, leaseId)));
            int leased = 0;
            for (Document document : this.jobs.find(Filters.and(Filters.in(ID, ids), Filters.eq(LEASE_ID, leaseId)))) {
                leased++;
                try {
                    acquired.add(this.documents.decode(document));
                }
                catch (RuntimeException ex) {
                    unreadable.add(document.append(BROKEN_REASON, JobDocuments.reasonOf(ex)));
                }
            }
            if (ids.size() < wanted || leased == ids.size()) {
                break;
            }
        }
        markUnreadable(schedulerId, unreadable);
        return acquired;
    }

    private void markUnreadable(String schedulerId, List<Document> unreadable) {
        if (unreadable.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(unreadable.size());
        for (Document document : unreadable) {
            String reason = document.getString(BROKEN_REASON);
            logger.warn("Job '{}' in MongoDB job store '{}' cannot be read; it is marked broken and kept: {}",
                    JobDocuments.idOf(document), this.alias, reason);
            writes.add(new UpdateOneModel<>(Filters.and(Filters.eq(ID, document.get(ID)), Filters.eq(VERSION, document.get(VERSION)),
                    Filters.eq(LEASE_OWNER, schedulerId)), Updates.combine(broken(reason, JobDocuments.version(document) + 1), DROP_LEASE)));
        }
        this.jobs.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /**
     * Marks a job broken when its version is still {@code expectedVersion}, dropping the caller's lease: two ordered
     * conditional updates (with the caller's lease, then without), of which at most one matches.
     */
    boolean markBroken(String schedulerId, Object jobId, long expectedVersion, long newVersion, String reason) {
        Bson job = Filters.and(Filters.eq(ID, jobId), Filters.eq(VERSION, expectedVersion),
                Filters.ne(STATE, JobState.FINISHED.name()));
        List<WriteModel<Document>> writes = List.of(
                new UpdateOneModel<>(Filters.and(job, Filters.eq(LEASE_OWNER, schedulerId)),
                        Updates.combine(broken(reason, newVersion), DROP_LEASE)),
                new UpdateOneModel<>(job, broken(reason, newVersion)));
        return this.jobs.bulkWrite(writes, new BulkWriteOptions().ordered(true)).getMatchedCount() > 0;
    }

    private static Bson broken(String reason, long newVersion) {
        return Updates.combine(Updates.set(STATE, JobState.BROKEN.name()), Updates.set(BROKEN_REASON, JobDocuments.reason(reason)),
                Updates.set(NEXT_RUN_TIME, null), Updates.set(NEXT_FIRE_TIME, null), Updates.set(VERSION, newVersion));
    }

    /** Extends the caller's leases on the given jobs; returns the ids it does not hold (one update, one read). */
    Set<String> extend(String schedulerId, Collection<String> jobIds, Instant leaseUntil) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(jobIds));
        Bson held = Filters.and(Filters.in(ID, ids), Filters.eq(LEASE_OWNER, schedulerId));
        this.jobs.updateMany(held, Updates.set(LEASE_UNTIL, date(leaseUntil)));
        Set<String> lost = new HashSet<>(ids);
        this.jobs.find(held).projection(Projections.include(ID)).forEach((d) -> lost.remove(d.get(ID)));
        return lost;
    }

    /**
     * Releases in one ordered bulk write: for the finished jobs one {@code deleteMany} per acquired version among them
     * ({@code _id} in the ids acquired at that version, lease owner, version; usually one), and likewise one
     * {@code updateMany} per version turning those that keep a marker into {@code FINISHED} markers; one conditional
     * update per rescheduled job; then one {@code updateMany} dropping the caller's lease on every listed job still
     * leased by it (those whose version moved on). A job listed twice is released by its first listing only. A
     * release setting a pending retry is its own {@code updateOne} ahead of the bulk write (one round trip each; only
     * attempts that failed with a retry policy carry one), so that its matched count tells whether it was written.
     *
     * @param finishedAt the finish time stamped on markers
     * @return the ids whose new pending retry was not written (the update matched no document); a new mutable set
     */
    Set<String> release(String schedulerId, List<JobRelease> releases, Instant finishedAt) {
        Set<String> retriesNotWritten = new HashSet<>();
        Map<String, JobRelease> first = new LinkedHashMap<>();
        releases.forEach((release) -> first.putIfAbsent(release.jobId(), release));
        Map<Long, List<String>> finishedByVersion = new LinkedHashMap<>();
        Map<Long, List<String>> markersByVersion = new LinkedHashMap<>();
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (JobRelease release : first.values()) {
            if (release.remove()) {
                (release.keepMarker() ? markersByVersion : finishedByVersion)
                    .computeIfAbsent(release.acquiredVersion(), (v) -> new ArrayList<>()).add(release.jobId());
            }
            else {
                Bson unchanged = Filters.and(Filters.eq(ID, release.jobId()), Filters.eq(LEASE_OWNER, schedulerId),
                        Filters.eq(VERSION, release.acquiredVersion()));
                Instant next = release.nextRunTime();
                List<Bson> updates = new ArrayList<>();
                if (release.retryChange() != null) {
                    // a pending retry changed: the job data too, with the columns
                    this.documents.fields(release.retryChange(), true).forEach((key, value) -> updates.add(Updates.set(key, value)));
                }
                else {
                    updates.add(Updates.set(NEXT_RUN_TIME, date(next)));
                    updates.add(Updates.set(NEXT_FIRE_TIME, next == null ? null : date(release.nextFireTime())));
                    updates.add(Updates.set(STATE, (next == null ? JobState.PAUSED : JobState.SCHEDULED).name()));
                }
                updates.add(DROP_LEASE);
                updates.add(Updates.inc(VERSION, 1L));
                if (release.setsRetry()) {
                    if (this.jobs.updateOne(unchanged, Updates.combine(updates)).getMatchedCount() == 0) {
                        retriesNotWritten.add(release.jobId());
                    }
                }
                else {
                    writes.add(new UpdateOneModel<>(unchanged, Updates.combine(updates)));
                }
            }
        }
        List<WriteModel<Document>> all = new ArrayList<>(finishedByVersion.size() + markersByVersion.size() + writes.size() + 1);
        finishedByVersion.forEach((version, ids) -> all.add(new DeleteManyModel<>(Filters.and(Filters.in(ID, ids),
                Filters.eq(LEASE_OWNER, schedulerId), Filters.eq(VERSION, version)))));
        Bson marker = Updates.combine(Updates.set(STATE, JobState.FINISHED.name()), Updates.set(NEXT_RUN_TIME, null),
                Updates.set(NEXT_FIRE_TIME, null), Updates.set(FINISHED_AT, date(finishedAt)), DROP_LEASE, Updates.inc(VERSION, 1L));
        markersByVersion.forEach((version, ids) -> all.add(new UpdateManyModel<>(Filters.and(Filters.in(ID, ids),
                Filters.eq(LEASE_OWNER, schedulerId), Filters.eq(VERSION, version)), marker)));
        all.addAll(writes);
        all.add(new UpdateManyModel<>(Filters.and(Filters.in(ID, first.keySet()), Filters.eq(LEASE_OWNER, schedulerId)),
                DROP_LEASE));
        this.jobs.bulkWrite(all, new BulkWriteOptions().ordered(true));
        return retriesNotWritten;
    }

    /** The lease holders: one aggregation grouping the leased documents by owner, sorted by owner. */
    List<LeaseHolder> holders() {
        List<LeaseHolder> holders = new ArrayList<>();
        this.jobs.aggregate(List.of(
                Aggregates.match(Filters.and(Filters.type(LEASE_UNTIL, "date"), Filters.type(LEASE_OWNER, "string"))),
                Aggregates.group("$" + LEASE_OWNER, Accumulators.sum("n", 1), Accumulators.min("earliest", "$" + LEASE_UNTIL),
                        Accumulators.max("latest", "$" + LEASE_UNTIL)),
                Aggregates.sort(Sorts.ascending(ID))))
            .forEach((d) -> holders.add(new LeaseHolder(d.getString(ID), d.getInteger("n"), d.getDate("earliest").toInstant(),
                    d.getDate("latest").toInstant())));
        return holders;
    }

    /**
     * The earliest instant a job becomes acquirable: the earliest unleased next run time, or, for a leased job, the
     * later of its lease expiry and next run time. Leased jobs are read by lease expiry only until an expiry is past
     * the earliest time found so far.
     */
    @Nullable Instant nextRunTime() {
        Document firstFree = this.jobs.find(Filters.and(Filters.type(NEXT_RUN_TIME, "date"), Filters.eq(LEASE_OWNER, null)))
            .sort(Sorts.ascending(NEXT_RUN_TIME, ID)).projection(Projections.include(NEXT_RUN_TIME)).first();
        Date best = firstFree == null ? null : firstFree.getDate(NEXT_RUN_TIME);
        try (MongoCursor<Document> leased = this.jobs.find(Filters.and(Filters.type(LEASE_UNTIL, "date"),
                Filters.type(NEXT_RUN_TIME, "date"))).sort(Sorts.ascending(LEASE_UNTIL))
            .projection(Projections.include(NEXT_RUN_TIME, LEASE_UNTIL)).batchSize(64).iterator()) {
            while (leased.hasNext()) {
                Document document = leased.next();
                Date until = document.getDate(LEASE_UNTIL);
                if (best != null && !until.before(best)) {
                    break;
                }
                Date next = document.getDate(NEXT_RUN_TIME);
                Date acquirable = until.after(next) ? until : next;
                if (best == null || acquirable.before(best)) {
                    best = acquirable;
                }
            }
        }
        return best == null ? null : best.toInstant();
    }
}
