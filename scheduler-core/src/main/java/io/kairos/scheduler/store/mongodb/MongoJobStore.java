package io.kairos.scheduler.store.mongodb;

import static io.kairos.scheduler.store.mongodb.JobDocuments.FINISHED_AT;
import static io.kairos.scheduler.store.mongodb.JobDocuments.ID;
import static io.kairos.scheduler.store.mongodb.JobDocuments.LEASE_OWNER;
import static io.kairos.scheduler.store.mongodb.JobDocuments.LEASE_UNTIL;
import static io.kairos.scheduler.store.mongodb.JobDocuments.NEXT_RUN_TIME;
import static io.kairos.scheduler.store.mongodb.JobDocuments.STATE;
import static io.kairos.scheduler.store.mongodb.JobDocuments.VERSION;

import com.mongodb.ConnectionString;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ServerDescription;
import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.ConflictingJobIdException;
import io.kairos.scheduler.store.JobCounts;
import io.kairos.scheduler.store.JobLookupException;
import io.kairos.scheduler.store.JobOrder;
import io.kairos.scheduler.store.JobQuery;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.LeaseArguments;
import io.kairos.scheduler.store.LeaseHolder;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.StoredJobPage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link JobStore} in one MongoDB collection, shared by any number of schedulers: APScheduler's
 * {@code MongoDBJobStore} (database {@code apscheduler}, collection {@code jobs}; here {@code kairos}/{@code jobs}) made
 * safe to share. One document per job, laid out by {@link JobDocuments}: the job's JSON as a sub-document (never
 * Java serialisation, never a pickle), the indexed {@code next_run_time}, the version and the lease. Talks to MongoDB
 * through the official synchronous driver ({@code org.mongodb:mongodb-driver-sync}).
 *
 * <p>Every write is a single-document atomic operation, so no multi-document transaction (and no replica set) is
 * needed: an add is an insert (or an upsert under {@link ConflictPolicy#REPLACE}); an update a
 * {@code findOneAndUpdate} that increments the version; acquisition reads up to {@code limit} due, unleased
 * {@code _id}s and then sets the lease with one {@code updateMany} whose filter repeats the due-and-unleased
 * condition, which MongoDB evaluates atomically per document, so two schedulers never both lease a job; each release
 * write is conditional on the lease owner and the version ({@link JobRelease#acquiredVersion()}), and the whole batch
 * is one ordered bulk write. A document that cannot be read is never deleted: acquisition marks it broken (its data
 * untouched), listings show it as broken.
 *
 * <p>Wake-ups: when the server offers change streams (a replica set or a sharded cluster), changes that can make a job
 * due earlier wake the scheduler at once ({@link ChangeStreamWakeups}); on a standalone server the scheduler sees other
 * instances' changes at its poll interval. Which one applies is found and logged once at start-up.
 *
 * <p>A finished job whose id the caller chose stays as a {@link JobState#FINISHED} marker: its document, state
 * {@code FINISHED}, without run times or lease, stamped {@code finished_at}. Markers are never listed, looked up or
 * acquired; because the marker keeps the job's {@code _id}, an insert under {@link ConflictPolicy#KEEP_EXISTING} fails
 * on it as on a job (and adds nothing), while {@link ConflictPolicy#ERROR} and {@link ConflictPolicy#REPLACE} overwrite
 * it with one conditional {@code findOneAndUpdate}.
 *
 * <p>Indexes: {@code {next_run_time: 1, _id: 1}} for the due query, {@code {lease_until: 1}} for the next run time
 * of leased jobs and {@code {finished_at: 1}}, partial on {@code state: "FINISHED"}, for the marker retention; created
 * at start-up when missing. Times are BSON dates, so instants keep millisecond precision.
 * Thread-safe once started; a MongoDB failure or timeout surfaces as {@link JobStoreException}.
 */
public final class MongoJobStore implements JobStore {

    /** The default database, {@value}. */
    public static final String DEFAULT_DATABASE = "kairos";

    /** The default collection, {@value}. */
    public static final String DEFAULT_COLLECTION = "jobs";

    /** The most due documents {@link #countDueWithoutExecutor} looks at. */
    static final int WAITING_SCAN_LIMIT = 1000;

    /** The default timeout of a client the store creates, in seconds. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 5;

    private static final Logger logger = LoggerFactory.getLogger(MongoJobStore.class);

    private final @Nullable MongoClient givenClient;

    private final @Nullable ConnectionString connectionString;

    private final String database;

    private final String collectionName;

    private final Duration timeout;

    /** Matches {@link JobState#FINISHED} markers. */
    private static final Bson IS_MARKER = Filters.eq(STATE, JobState.FINISHED.name());

    /** Matches jobs: every document but the markers. */
    private static final Bson NOT_MARKER = Filters.ne(STATE, JobState.FINISHED.name());

    private volatile @Nullable Started started;

    private record Started(JobStoreContext context, MongoClient client, boolean ownsClient, MongoCollection<Document> jobs,
            JobDocuments documents, MongoLeases leases, @Nullable ChangeStreamWakeups wakeups, MongoRunHistory history) {
    }

    MongoJobStore(@Nullable MongoClient client, @Nullable ConnectionString connectionString, String database,
            String collection, Duration timeout) {
        this.givenClient = client;
        this.connectionString = connectionString;
        this.database = database;
        this.collectionName = collection;
        this.timeout = timeout;
    }

    /**
     * Starts describing a store.
     *
     * @return a builder
     */
    public static MongoJobStoreBuilder builder() {
        return new MongoJobStoreBuilder();
    }

    /**
     * Connects (creating the client when given a connection string), creates the indexes when missing, and opens the
     * change stream when the server offers one; logs which kind of wake-up applies. After a failed start, or after
     * {@link #shutdown()}, it may be called again.
     *
     * @param context the scheduler's alias for this store, its id, clock, codec and wake-up callback
     * @throws IllegalStateException when the store is already started
     * @throws MongoUnreachableException when MongoDB cannot be reached or refuses the store (a client the store created is
     *     closed again)
     */
    @Override
    public synchronized void start(JobStoreContext context) {
        Objects.requireNonNull(context, "context");
        if (this.started != null) {
            throw new IllegalStateException("MongoDB job store '" + context.alias() + "' is already started");
        }
        MongoClient client = this.givenClient != null ? this.givenClient : createClient();
        try {
            MongoCollection<Document> jobs = client.getDatabase(this.database).getCollection(this.collectionName);
            jobs.createIndex(Indexes.ascending(NEXT_RUN_TIME, ID), new IndexOptions().name("kairos_next_run_time"));
            jobs.createIndex(Indexes.ascending(LEASE_UNTIL), new IndexOptions().name("kairos_lease_until"));
            jobs.createIndex(Indexes.ascending(FINISHED_AT), new IndexOptions().name("kairos_finished_at")
                .partialFilterExpression(IS_MARKER));
            MongoRunHistory history = new MongoRunHistory(client.getDatabase(this.database).getCollection(runsCollection()),
                    new MongoRunHistory.Calls() {
                        @Override
                        public <T> T call(String what, Supplier<T> operation) {
                            return MongoJobStore.call(context.alias(), what, operation, false);
                        }
                    });
            history.createIndexes();
            ChangeStreamWakeups wakeups = ChangeStreamWakeups.open(jobs, context.wakeup(), context.alias());
            if (wakeups != null) {
                logger.info("MongoDB job store '{}' ({}.{}): the server offers change streams; other instances' changes wake "
                        + "this scheduler at once", context.alias(), this.database, this.collectionName);
            }
            else {
                logger.info("MongoDB job store '{}' ({}.{}): the server offers no change streams (a standalone server, not a "
                        + "replica set); other instances' changes are seen at the scheduler's poll interval", context.alias(),
                        this.database, this.collectionName);
            }
            JobDocuments documents = new JobDocuments(context);
            this.started = new Started(context, client, this.givenClient == null, jobs, documents,
                    new MongoLeases(jobs, documents, context.alias()), wakeups, history);
        }
        catch (MongoException ex) {
            if (this.givenClient == null) {
                client.close();
            }
            throw new MongoUnreachableException(context.alias(), servers(client), this.database + "." + this.collectionName, ex);
        }
    }

    private static String servers(MongoClient client) {
        try {
            return client.getClusterDescription().getClusterSettings().getHosts().stream().map(Object::toString)
                .collect(Collectors.joining(","));
        }
        catch (RuntimeException ex) {
            return "(the client's servers)";
        }
    }

    private MongoClient createClient() {
        int millis = (int) Math.min(Integer.MAX_VALUE, this.timeout.toMillis());
        MongoClientSettings settings = MongoClientSettings.builder()
            .applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
            .applyToSocketSettings((socket) -> socket.connectTimeout(millis, TimeUnit.MILLISECONDS)
                .readTimeout(millis + (int) ChangeStreamWakeups.MAX_AWAIT_MILLIS, TimeUnit.MILLISECONDS))
            .applyConnectionString(this.connectionString)
            .build();
        return MongoClients.create(settings);
    }

    /**
     * Stops following the change stream and closes the client when the store created it. Jobs are kept. Does nothing
     * when not started.
     */
    @Override
    public synchronized void shutdown() {
        Started current = this.started;
        this.started = null;
        if (current == null) {
            return;
        }
        try {
            if (current.wakeups() != null) {
                current.wakeups().close();
            }
        }
        finally {
            if (current.ownsClient()) {
                current.client().close();
            }
        }
    }

    /**
     * Always {@code true}: any number of schedulers may share one collection.
     *
     * @return {@code true}
     */
    @Override
    public boolean isShared() {
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>An insert; under {@link ConflictPolicy#REPLACE} an upsert that keeps a lease on the replaced job. A
     * {@link JobState#FINISHED} marker with the id fails the insert like a job: {@link ConflictPolicy#KEEP_EXISTING}
     * then returns it, {@link ConflictPolicy#ERROR} overwrites it with a {@code findOneAndUpdate} conditional on the
     * document still being a marker.
     *
     * @throws IllegalArgumentException when the codec cannot write the job
     * @throws JobStoreException when MongoDB fails or times out
     */
    @Override
    public StoredJob addJob(StoredJob job, ConflictPolicy policy) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(policy, "policy");
        Started s = started();
        Document fields = s.documents().fields(job, true);
        for (int attempt = 0; attempt < 5; attempt++) {
            if (policy == ConflictPolicy.REPLACE) {
                Long version = overwrite(s, job, fields, Filters.eq(ID, job.id()), true);
                if (version != null) {
                    return job.withVersion(version);
                }
                continue;
            }
            Document document = new Document(ID, job.id()).append(VERSION, 1L);
            document.putAll(fields);
            document.append(LEASE_OWNER, null).append(LEASE_UNTIL, null);
            @Nullable Boolean inserted = call(s, "add job '" + job.id() + "'", () -> {
                s.jobs().insertOne(document);
                return Boolean.TRUE;
            }, true);
            if (inserted != null) {
                return job.withVersion(1);
            }
            if (policy == ConflictPolicy.ERROR) {
                Long version = overwrite(s, job, fields, Filters.and(Filters.eq(ID, job.id()), IS_MARKER), false);
                if (version != null) {
                    return job.withVersion(version);
                }
                throw new ConflictingJobIdException(job.id(), "job store '" + s.context().alias() + "'");
            }
            Document existing = call(s, "look up job '" + job.id() + "'", () -> s.jobs().find(Filters.eq(ID, job.id())).first(), false);
            if (existing != null) {
                return s.documents().read(existing);
            }
        }
        throw new JobStoreException("MongoDB job store '" + s.context().alias() + "': could not add job '" + job.id()
                + "': it was added and removed concurrently five times", null);
    }

    /**
     * Overwrites the document matched by {@code filter} (a job or a marker) with a job, moving its version on; a lease
     * on a replaced job is kept, a marker's finish time dropped.
     *
     * @param upsert whether to insert the job when nothing matches
     * @return the new version, or {@code null} when nothing matched (or the upsert met a concurrent insert)
     */
    private static @Nullable Long overwrite(Started s, StoredJob job, Document fields, Bson filter, boolean upsert) {
        Document written = call(s, "replace job '" + job.id() + "'", () -> s.jobs().findOneAndUpdate(filter,
                Updates.combine(setAll(fields), Updates.inc(VERSION, 1L), Updates.unset(FINISHED_AT),
                        Updates.setOnInsert(LEASE_OWNER, null), Updates.setOnInsert(LEASE_UNTIL, null)),
                new FindOneAndUpdateOptions().upsert(upsert).returnDocument(ReturnDocument.AFTER).projection(Projections.include(VERSION))),
                true);
        return written == null ? null : JobDocuments.version(written);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code findOneAndUpdate}; a broken job without a trigger keeps its stored data. A marker is no job.
     *
     * @throws JobStoreException when MongoDB fails or times out
     */
    @Override
    public StoredJob updateJob(StoredJob job) {
        Objects.requireNonNull(job, "job");
        Started s = started();
        Document fields = s.documents().fields(job, job.trigger() != null);
        Document written = call(s, "update job '" + job.id() + "'", () -> s.jobs().findOneAndUpdate(Filters.and(Filters.eq(ID, job.id()), NOT_MARKER),
                Updates.combine(setAll(fields), Updates.inc(VERSION, 1L)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(Projections.include(VERSION))), false);
        if (written == null) {
            throw new JobLookupException(job.id());
        }
        return job.withVersion(JobDocuments.version(written));
    }

    /** {@inheritDoc} One ordered bulk write of two conditional updates (with and without the caller's lease). */
    @Override
    public boolean markBroken(String schedulerId, String jobId, long expectedVersion, String reason) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(reason, "reason");
        Started s = started();
        return call(s, "mark job '" + jobId + "' broken", () -> s.leases().markBroken(schedulerId, jobId, expectedVersion,
                expectedVersion + 1, reason), false);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Also drops the job's lease, so its holder's later release is ignored; removes a marker with the id too.
     */
    @Override
    public boolean removeJob(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        Started s = started();
        return call(s, "remove job '" + jobId + "'", () -> s.jobs().deleteOne(Filters.eq(ID, jobId)).getDeletedCount() == 1, false);
    }

    /** {@inheritDoc} Deletes every document of the collection; the collection and its indexes stay. */
    @Override
    public void removeAllJobs() {
        Started s = started();
        call(s, "remove all jobs", () -> s.jobs().deleteMany(new Document()), false);
    }

    /** {@inheritDoc} A document that cannot be read is returned as broken (and left as it is). */
    @Override
    public Optional<StoredJob> lookupJob(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return find("look up job '" + jobId + "'", Filters.and(Filters.eq(ID, jobId), NOT_MARKER));
    }

    /** {@inheritDoc} One read by {@code _id}. */
    @Override
    public Optional<StoredJob> lookupFinished(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return find("look up finished job '" + jobId + "'", Filters.and(Filters.eq(ID, jobId), IS_MARKER));
    }

    private Optional<StoredJob> find(String what, Bson filter) {
        Started s = started();
        Document document = call(s, what, () -> s.jobs().find(filter).first(), false);
        return Optional.ofNullable(document).map(s.documents()::read);
    }

    /** {@inheritDoc} One {@code deleteMany} on the partial {@code finished_at} index. */
    @Override
    public int removeFinishedMarkers(Instant finishedBefore) {
        Objects.requireNonNull(finishedBefore, "finishedBefore");
        Started s = started();
        long removed = call(s, "remove finished markers", () -> s.jobs().deleteMany(Filters.and(IS_MARKER,
                Filters.lt(FINISHED_AT, JobDocuments.date(finishedBefore)))).getDeletedCount(), false);
        return (int) Math.min(Integer.MAX_VALUE, removed);
    }

    /** {@inheritDoc} Documents that cannot be read are listed as broken (and left as they are). */
    @Override
    public List<StoredJob> getAllJobs() {
        Started s = started();
        List<Document> documents = call(s, "list jobs", () -> s.jobs().find(NOT_MARKER).into(new ArrayList<>()), false);
        return JobOrder.forListing(documents.stream().map(s.documents()::read).toList());
    }

    /**
     * {@inheritDoc}
     *
     * <p>One query: a range on {@code _id} ({@code $gt} the cursor) sorted by {@code _id}, limited to
     * {@code limit + 1} documents, which the {@code _id} index serves without reading further. Ids compare as MongoDB
     * compares strings (binary, as {@link String#compareTo} for ids without surrogate pairs).
     */
    @Override
    public StoredJobPage listJobs(JobQuery query) {
        Started s = started();
        Bson range = query.cursor() == null ? new Document() : Filters.gt(ID, query.cursor());
        List<Document> documents = call(s, "list a page of jobs",
                () -> s.jobs().find(range).sort(Sorts.ascending(ID)).limit(query.limit() + 1).into(new ArrayList<>()), false);
        return StoredJobPage.of(documents.stream().map(s.documents()::read).toList(), query);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The earliest unleased {@code next_run_time} (one indexed query), then the leased jobs by lease expiry, read
     * only until their expiries pass the earliest time found: usually two short queries.
     */
    @Override
    public Optional<Instant> nextRunTime() {
        Started s = started();
        return Optional.ofNullable(call(s, "read the next run time", () -> s.leases().nextRunTime(), false));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads up to {@code limit} due, unleased ids, leases them with one conditional {@code updateMany} and reads the
     * documents it leased (three round trips; repeated, up to three times, when other schedulers took some of the ids
     * first). A lease is expired when its expiry is at or before {@code now}. Documents that cannot be read are marked
     * broken instead of returned.
     */
    @Override
    public List<StoredJob> acquireDueJobs(String schedulerId, Instant now, int limit, Instant leaseUntil) {
        return acquire(schedulerId, now, limit, leaseUntil, null);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The due query also filters on the job sub-document's {@code executor} field (a job without one counts as
     * {@code default}).
     */
    @Override
    public List<StoredJob> acquireDueJobs(String schedulerId, Instant now, int limit, Instant leaseUntil, Set<String> executors) {
        return acquire(schedulerId, now, limit, leaseUntil, Objects.requireNonNull(executors, "executors"));
    }

    /** Both acquisitions: {@code executors} {@code null} for any executor. */
    private List<StoredJob> acquire(String schedulerId, Instant now, int limit, Instant leaseUntil,
            @Nullable Set<String> executors) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        LeaseArguments.check(now, limit, leaseUntil);
        Started s = started();
        List<StoredJob> jobs = call(s, "acquire due jobs", () -> (executors == null)
                ? s.leases().acquire(schedulerId, now, limit, leaseUntil)
                : s.leases().acquire(schedulerId, now, limit, leaseUntil, executors), false);
        return jobs.stream().sorted(JobOrder.BY_NEXT_RUN_TIME).toList();
    }

    /** {@inheritDoc} One read of the earliest {@value #WAITING_SCAN_LIMIT} due, unleased documents. */
    @Override
    public Map<String, Integer> countDueWithoutExecutor(Instant dueBefore, Set<String> executors) {
        Objects.requireNonNull(dueBefore, "dueBefore");
        Objects.requireNonNull(executors, "executors");
        Started s = started();
        Instant now = s.context().clock().instant();
        return call(s, "count jobs waiting for an executor",
                () -> s.leases().countDueWithoutExecutor(dueBefore, now, executors, WAITING_SCAN_LIMIT), false);
    }

    /** {@inheritDoc} One {@code updateMany} and one read of the ids still held; an empty collection makes no call. */
    @Override
    public Set<String> extendLeases(String schedulerId, Collection<String> jobIds, Instant leaseUntil) {
        if (!LeaseArguments.checkExtension(schedulerId, jobIds, leaseUntil)) {
            return new HashSet<>();
        }
        Started s = started();
        return call(s, "extend leases", () -> s.leases().extend(schedulerId, jobIds, leaseUntil), false);
    }

    /**
     * {@inheritDoc} One ordered bulk write for the whole batch, plus one conditional update per release setting a
     * pending retry (its matched count tells whether it was written); an empty list makes no call. A finished job
     * that keeps a marker is turned into one in place, stamped with the store's clock.
     */
    @Override
    public Set<String> releaseJobs(String schedulerId, List<JobRelease> releases) {
        Objects.requireNonNull(schedulerId, "schedulerId");
        if (releases.isEmpty()) {
            return new HashSet<>();
        }
        Started s = started();
        Instant finishedAt = s.context().clock().instant();
        return call(s, "release jobs", () -> s.leases().release(schedulerId, releases, finishedAt), false);
    }

    static Bson setAll(Document fields) {
        List<Bson> sets = new ArrayList<>(fields.size());
        fields.forEach((name, value) -> sets.add(Updates.set(name, value)));
        return Updates.combine(sets);
    }

    /**
     * Runs an operation, turning driver failures into {@link JobStoreException}.
     *
     * @param duplicateIsNull whether a duplicate-key error answers {@code null} instead of failing
     */
    private static <T extends @Nullable Object> T call(Started s, String what, Supplier<T> operation,
            boolean duplicateIsNull) {
        return call(s.context().alias(), what, operation, duplicateIsNull);
    }

    /**
     * Runs an operation, turning driver failures into {@link JobStoreException}.
     *
     * @param alias the store's alias, for the message
     * @param duplicateIsNull whether a duplicate-key error answers {@code null} instead of failing
     */
    // null only with duplicateIsNull, whose one caller (addJob) takes the result as nullable and checks it
    @SuppressWarnings("NullAway")
    private static <T extends @Nullable Object> T call(String alias, String what, Supplier<T> operation,
            boolean duplicateIsNull) {
        try {
            return operation.get();
        }
        catch (MongoWriteException ex) {
            if (duplicateIsNull && ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return null;
            }
            throw failed(alias, what, ex);
        }
        catch (MongoException ex) {
            if (duplicateIsNull && ErrorCategory.fromErrorCode(ex.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return null;
            }
            throw failed(alias, what, ex);
        }
    }

    private static JobStoreException failed(String alias, String what, MongoException ex) {
        return new JobStoreException("MongoDB job store '" + alias + "' could not " + what + ": " + ex.getMessage(), ex);
    }

    private Started started() {
        Started current = this.started;
        if (current == null) {
            throw new IllegalStateException("MongoDB job store (" + this.database + "." + this.collectionName + ") is not started");
        }
        return current;
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code namespace} ({@code database.collection}); once started, {@code servers} (the client's configured
     * servers), {@code cluster} (the driver's view of the deployment: {@code STANDALONE}, {@code REPLICA_SET},
     * {@code SHARDED} or {@code UNKNOWN} while it cannot reach any server), {@code connected} (whether the driver's
     * monitor last reached at least one server) and {@code wakeups} ({@code change-stream} or {@code polling}).
     * Read from the driver's cluster description, which its monitor threads keep; no server call.
     */
    @Override
    public Map<String, Object> healthDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("namespace", this.database + "." + this.collectionName);
        Started current = this.started;
        if (current == null) {
            return details;
        }
        ClusterDescription cluster = current.client().getClusterDescription();
        details.put("servers", servers(current.client()));
        details.put("cluster", cluster.getType().name());
        details.put("connected", cluster.getServerDescriptions().stream().anyMatch(ServerDescription::isOk));
        details.put("wakeups", current.wakeups() != null ? "change-stream" : "polling");
        return details;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One aggregation over the documents with a lease ({@code lease_until} a date, on its index), grouped by
     * {@code lease_owner}.
     */
    @Override
    public List<LeaseHolder> leaseHolders() {
        Started s = started();
        return call(s, "list lease holders", () -> s.leases().holders(), false);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One aggregation, {@code $group} by {@code state}: the server scans the collection (no index holds the state)
     * and sends one document per state. A state that is no string or no known state counts as broken.
     */
    @Override
    public JobCounts countJobs() {
        Started s = started();
        return call(s, "count jobs", () -> {
            JobCounts counts = JobCounts.NONE;
            for (Document group : s.jobs().aggregate(List.of(Aggregates.group("$" + STATE, Accumulators.sum("n", 1))))) {
                Object state = group.get(ID);
                counts = counts.plusStored(state instanceof String name ? name : null, group.get("n", Number.class).longValue());
            }
            return counts;
        }, false);
    }

    /**
     * The run history, in the collection {@code <collection>_runs} of the same database (see {@link MongoRunHistory}):
     * one document per run, indexed for a job's runs and for runs of an outcome since an instant; retention in
     * batches by one instance at a time.
     *
     * @return the history of the started store; {@link RunHistory#none()} when not started
     */
    @Override
    public RunHistory runHistory() {
        Started current = this.started;
        return current == null ? RunHistory.none() : current.history();
    }

    /**
     * The name of the run history's collection.
     *
     * @return {@code <collection>_runs}
     */
    public String runsCollection() {
        return this.collectionName + "_runs";
    }

    /**
     * The database name.
     *
     * @return the database the store's collection is in
     */
    public String database() {
        return this.database;
    }

    /**
     * The collection name.
     *
     * @return the collection holding the jobs
     */
    public String collection() {
        return this.collectionName;
    }

    /**
     * Whether the started store follows a change stream (the server offers one) rather than relying on polling.
     *
     * @return {@code true} when change streams wake the scheduler; {@code false} when polling, or not started
     */
    public boolean hasChangeStreamWakeups() {
        Started current = this.started;
        return current != null && current.wakeups() != null;
    }

    /** The jobs collection of a started store, for tests. */
    MongoCollection<Document> collectionForTests() {
        return started().jobs();
    }

    /** The runs collection of a started store, for tests. */
    MongoCollection<Document> runsCollectionForTests() {
        return started().client().getDatabase(this.database).getCollection(runsCollection());
    }
}
