package io.kairos.scheduler.testing;

import io.kairos.scheduler.executor.ExecutorContext;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.executor.JobRun;
import io.kairos.scheduler.executor.RunListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An executor for tests that keeps submitted runs until the test runs them ({@link #runNext()}), so that runs
 * can be "in flight" under a fake clock. An optional hook runs before each run (e.g. to advance the clock).
 * Thread-safe.
 */
public final class HoldingJobExecutor implements JobExecutor {

    private record Held(JobRun run, RunListener listener) {
    }

    private final List<Held> held = new ArrayList<>();

    private volatile ExecutorContext context;

    private volatile Consumer<JobRun> beforeRun = (run) -> { };

    @Override
    public void start(ExecutorContext context) {
        this.context = context;
    }

    @Override
    public int freeSlots() {
        return Integer.MAX_VALUE;
    }

    @Override
    public synchronized void submit(JobRun run, RunListener listener) {
        this.held.add(new Held(run, listener));
    }

    /**
     * Sets code to run just before each held run starts.
     *
     * @param hook the hook
     */
    public void beforeRun(Consumer<JobRun> hook) {
        this.beforeRun = hook;
    }

    /**
     * How many runs wait.
     *
     * @return how many runs wait
     */
    public synchronized int waiting() {
        return this.held.size();
    }

    /**
     * The runs waiting.
     *
     * @return the runs waiting, oldest first
     */
    public synchronized List<JobRun> runs() {
        return this.held.stream().map(Held::run).toList();
    }

    /**
     * Runs the oldest waiting run in the calling thread.
     */
    public void runNext() {
        Held next;
        synchronized (this) {
            next = this.held.remove(0);
        }
        this.beforeRun.accept(next.run());
        next.run().execute(this.context.clock(), next.listener());
    }

    @Override
    public void shutdown(boolean wait, Duration timeout) {
    }
}
