package io.kairos.scheduler.testing;

import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.memory.MemoryJobStore;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A memory store whose loop-facing calls ({@code acquireDueJobs}, {@code extendLeases}, {@code releaseJobs},
 * {@code nextRunTime}) can be made to fail, as a store whose server is down, or to hang until healed, as a server
 * that stopped answering. Records the names of the threads that made those calls; while failing or hanging, a call
 * from a thread other than a scheduler loop ({@code kairos-scheduler-*}, e.g. a health check) is refused at once with
 * an {@link IllegalStateException}, so a test that checks that only the loops call the store fails instead of
 * hanging. Thread-safe; shipped in the core test-jar for other modules' tests.
 */
public class FaultyJobStore extends MemoryJobStore {

    /** How the loop-facing calls behave. */
    public enum Mode {
        /** As the memory store. */
        WORKING,
        /** Throw a {@link JobStoreException} "database down". */
        FAILING,
        /** Block until the mode changes, then behave as the new mode says. */
        HANGING
    }

    private Mode mode = Mode.WORKING;

    private int hanging;

    private final Set<String> callers = ConcurrentHashMap.newKeySet();

    /**
     * Sets how the loop-facing calls behave from now on; calls hanging now go on as the new mode says.
     *
     * @param mode the mode
     */
    public synchronized void mode(Mode mode) {
        this.mode = mode;
        notifyAll();
    }

    /**
     * How many calls hang now.
     *
     * @return zero or more
     */
    public synchronized int hanging() {
        return this.hanging;
    }

    /**
     * The names of the threads that made loop-facing calls so far.
     *
     * @return a snapshot
     */
    public Set<String> callers() {
        return Set.copyOf(this.callers);
    }

    private void call() {
        String thread = Thread.currentThread().getName();
        this.callers.add(thread);
        synchronized (this) {
            if (this.mode != Mode.WORKING && !thread.startsWith("kairos-scheduler-")) {
                throw new IllegalStateException("job store called from thread " + thread + " while " + this.mode);
            }
            this.hanging++;
            try {
                while (this.mode == Mode.HANGING) {
                    wait();
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new JobStoreException("interrupted while hanging", ex);
            }
            finally {
                this.hanging--;
            }
            if (this.mode == Mode.FAILING) {
                throw new JobStoreException("database down", new RuntimeException("connection refused"));
            }
        }
    }

    @Override
    public List<StoredJob> acquireDueJobs(String schedulerId, Instant now, int limit, Instant leaseUntil) {
        call();
        return super.acquireDueJobs(schedulerId, now, limit, leaseUntil);
    }

    @Override
    public Set<String> extendLeases(String schedulerId, Collection<String> jobIds, Instant leaseUntil) {
        call();
        return super.extendLeases(schedulerId, jobIds, leaseUntil);
    }

    @Override
    public Set<String> releaseJobs(String schedulerId, List<JobRelease> releases) {
        call();
        return super.releaseJobs(schedulerId, releases);
    }

    @Override
    public Optional<Instant> nextRunTime() {
        call();
        return super.nextRunTime();
    }
}
