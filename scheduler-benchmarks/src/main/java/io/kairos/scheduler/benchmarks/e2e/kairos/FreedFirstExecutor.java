package io.kairos.scheduler.benchmarks.e2e.kairos;

import io.kairos.scheduler.executor.ExecutorContext;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.executor.JobRun;
import io.kairos.scheduler.executor.RunListener;
import io.kairos.scheduler.task.Task;

import java.time.Instant;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark-only work-around for a lost wake-up in the engine (reported to the lead): {@code PooledJobExecutor}
 * frees its slot in a {@code finally} <em>after</em> {@code RunListener.finished} has signalled the loop, so a
 * loop woken by the last finishing run can still see {@code freeSlots() == 0}, skip the store, and wait with no
 * timeout while due jobs remain (memory store: forever). This decorator counts slots itself and frees one before
 * passing {@code finished} on; everything else is delegated to the production {@code ThreadPoolJobExecutor}.
 */
final class FreedFirstExecutor implements JobExecutor {

    private final JobExecutor delegate;

    private final int capacity;

    private final AtomicInteger inFlight = new AtomicInteger();

    FreedFirstExecutor(JobExecutor delegate, int capacity) {
        this.delegate = delegate;
        this.capacity = capacity;
    }

    @Override
    public void start(ExecutorContext context) {
        this.delegate.start(context);
    }

    @Override
    public int freeSlots() {
        return Math.max(0, this.capacity - this.inFlight.get());
    }

    @Override
    public void checkTask(Task task) {
        this.delegate.checkTask(task);
    }

    @Override
    public void submit(JobRun run, RunListener listener) {
        this.inFlight.incrementAndGet();
        try {
            this.delegate.submit(run, new RunListener() {

                @Override
                public void missed(JobRun r, Instant runTime) {
                    listener.missed(r, runTime);
                }

                @Override
                public void executed(JobRun r, Instant runTime, Object returnValue) {
                    listener.executed(r, runTime, returnValue);
                }

                @Override
                public void failed(JobRun r, Instant runTime, Throwable exception) {
                    listener.failed(r, runTime, exception);
                }

                @Override
                public void finished(JobRun r) {
                    FreedFirstExecutor.this.inFlight.decrementAndGet();
                    listener.finished(r);
                }
            });
        }
        catch (RuntimeException ex) {
            this.inFlight.decrementAndGet();
            throw ex;
        }
    }

    @Override
    public void shutdown(boolean wait, Duration timeout) {
        this.delegate.shutdown(wait, timeout);
    }
}
