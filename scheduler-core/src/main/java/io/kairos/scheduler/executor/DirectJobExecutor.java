package io.kairos.scheduler.executor;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;


/**
 * Runs each run inline, in the thread that submits it (the scheduler's loop thread): for tests and debugging,
 * as APScheduler 3's {@code DebugExecutor}. A run blocks the loop while it runs, so {@link JobRun} outcomes are
 * reported before {@link #submit} returns (and before the {@code JobSubmitted} event). Thread-safe.
 */
public class DirectJobExecutor implements JobExecutor {

    private volatile @Nullable ExecutorContext context;

    private volatile boolean shutdown;

    @Override
    public void start(ExecutorContext context) {
        this.context = context;
        this.shutdown = false;
    }

    @Override
    public int freeSlots() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void submit(JobRun run, RunListener listener) {
        if (this.context == null || this.shutdown) {
            throw new RejectedExecutionException("direct executor is not started");
        }
        run.execute(this.context.clock(), listener);
    }

    @Override
    public void shutdown(boolean wait, Duration timeout) {
        this.shutdown = true;
    }
}
