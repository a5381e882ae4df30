package io.kairos.scheduler.store.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.changestream.ChangeStreamDocument;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the scheduler when a change to the collection may have made a job due earlier: an insert, a replacement, or
 * an update that writes {@code next_run_time} or drops a lease ({@code lease_owner} set to {@code null}). It follows a
 * MongoDB change stream on its own daemon thread; acquisitions and lease extensions are filtered out on the server.
 * Its own instance's writes wake it too (the scheduler then reads the next run time once more, which is harmless).
 *
 * <p>Change streams need a replica set or a sharded cluster; a standalone {@code mongod} refuses them. {@link #open}
 * finds out by opening the stream, so the store knows at start-up whether it has wake-ups or relies on the scheduler's
 * polling. After a lost connection the thread reopens the stream (resuming after the last event it saw when the
 * server still has it) and calls the wake-up, since changes made meanwhile may have been missed. Thread-safe.
 */
final class ChangeStreamWakeups {

    private static final Logger logger = LoggerFactory.getLogger(ChangeStreamWakeups.class);

    /** How long the server holds a change stream request open when nothing changes, in milliseconds. */
    static final long MAX_AWAIT_MILLIS = 1000;

    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private static final List<Bson> PIPELINE = List.of(com.mongodb.client.model.Aggregates.match(Filters.or(
            Filters.in("operationType", "insert", "replace"),
            Filters.exists("updateDescription.updatedFields." + JobDocuments.NEXT_RUN_TIME),
            Filters.type("updateDescription.updatedFields." + JobDocuments.LEASE_OWNER, "null"))));

    private final MongoCollection<Document> collection;

    private final Runnable wakeup;

    private final String name;

    private final Thread thread;

    private volatile boolean stopped;

    private volatile @Nullable MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor;

    private ChangeStreamWakeups(MongoCollection<Document> collection, Runnable wakeup, String name,
            MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor) {
        this.collection = collection;
        this.wakeup = wakeup;
        this.name = name;
        this.cursor = cursor;
        this.thread = new Thread(this::follow, "kairos-mongodb-wakeups-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Opens the change stream and starts following it.
     *
     * @param collection the jobs collection
     * @param wakeup the scheduler's wake-up callback
     * @param name the store's alias, for the thread name and log messages
     * @return the started wake-ups, or {@code null} when the server offers no change streams (a standalone server)
     * @throws MongoException when the server cannot be reached
     */
    static @Nullable ChangeStreamWakeups open(MongoCollection<Document> collection, Runnable wakeup, String name) {
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor;
        try {
            cursor = watch(collection, null);
        }
        catch (MongoCommandException ex) {
            logger.debug("MongoDB job store '{}': change streams refused ({})", name, ex.getErrorMessage());
            return null;
        }
        ChangeStreamWakeups wakeups = new ChangeStreamWakeups(collection, wakeup, name, cursor);
        wakeups.thread.start();
        return wakeups;
    }

    private static MongoChangeStreamCursor<ChangeStreamDocument<Document>> watch(MongoCollection<Document> collection,
            org.bson.@Nullable BsonDocument resumeToken) {
        var stream = collection.watch(PIPELINE).maxAwaitTime(MAX_AWAIT_MILLIS, TimeUnit.MILLISECONDS);
        if (resumeToken != null) {
            stream = stream.resumeAfter(resumeToken);
        }
        return stream.cursor();
    }

    private void follow() {
        org.bson.@Nullable BsonDocument resumeToken = null;
        while (!this.stopped) {
            try {
                MongoChangeStreamCursor<ChangeStreamDocument<Document>> current = this.cursor;
                if (current == null) {
                    current = reopen(resumeToken);
                    wakeUp();
                }
                ChangeStreamDocument<Document> change = current.tryNext();
                if (change != null) {
                    resumeToken = change.getResumeToken();
                    wakeUp();
                }
            }
            catch (MongoInterruptedException ex) {
                return;
            }
            catch (RuntimeException ex) {
                if (this.stopped) {
                    return;
                }
                logger.debug("MongoDB job store '{}': change stream failed, reopening it in {}", this.name, RETRY_DELAY, ex);
                closeCursor();
                if (resumeToken != null && ex instanceof MongoCommandException) {
                    resumeToken = null; // the server no longer has the event: start from now
                }
                sleep();
            }
        }
    }

    private MongoChangeStreamCursor<ChangeStreamDocument<Document>> reopen(org.bson.@Nullable BsonDocument resumeToken) {
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> opened = watch(this.collection, resumeToken);
        this.cursor = opened;
        if (this.stopped) {
            closeCursor();
        }
        return opened;
    }

    private void wakeUp() {
        try {
            this.wakeup.run();
        }
        catch (RuntimeException ex) {
            logger.warn("Scheduler wake-up callback failed on a change in MongoDB job store '{}'", this.name, ex);
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY_DELAY.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.stopped = true;
        }
    }

    private void closeCursor() {
        MongoChangeStreamCursor<ChangeStreamDocument<Document>> current = this.cursor;
        this.cursor = null;
        if (current != null) {
            try {
                current.close();
            }
            catch (RuntimeException ex) {
                logger.debug("MongoDB job store '{}': closing the change stream failed", this.name, ex);
            }
        }
    }

    /** Stops following the stream and waits (at most a few seconds) for the thread to end. */
    void close() {
        this.stopped = true;
        this.thread.interrupt();
        try {
            this.thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        closeCursor();
    }

    /** Whether the following thread is alive, for tests. */
    boolean isRunning() {
        return this.thread.isAlive();
    }
}
