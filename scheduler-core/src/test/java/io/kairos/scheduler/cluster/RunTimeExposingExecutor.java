package io.kairos.scheduler.cluster;

import io.kairos.scheduler.executor.ExecutorContext;
import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.executor.JobRun;
import io.kairos.scheduler.executor.RunListener;
import io.kairos.scheduler.task.Task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps an executor so that {@link ClusterJobs#record} learns the scheduled run time it runs for: each run's
 * task is wrapped to set it for the worker thread around each invocation. Run times are invoked in order and
 * none is skipped as missed (the jobs have no misfire grace time), so the n-th invocation is the n-th run time.
 */
final class RunTimeExposingExecutor implements JobExecutor {

    private final JobExecutor delegate;

    RunTimeExposingExecutor(JobExecutor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void start(ExecutorContext context) {
        this.delegate.start(context);
    }

    @Override
    public int freeSlots() {
        return this.delegate.freeSlots();
    }

    @Override
    public void checkTask(Task task) {
        this.delegate.checkTask(task);
    }

    @Override
    public void submit(JobRun run, RunListener listener) {
        this.delegate.submit(new JobRun(run.job(), new RunTimeTask(run.task(), run.scheduledRunTimes()), run.scheduledRunTimes(), run.retry()),
                listener);
    }

    @Override
    public void shutdown(boolean wait, Duration timeout) {
        this.delegate.shutdown(wait, timeout);
    }

    private static final class RunTimeTask implements Task {

        private final Task task;

        private final List<Instant> runTimes;

        private final AtomicInteger next = new AtomicInteger();

        RunTimeTask(Task task, List<Instant> runTimes) {
            this.task = task;
            this.runTimes = runTimes;
        }

        @Override
        public String name() {
            return this.task.name();
        }

        @Override
        public boolean hasStableName() {
            return this.task.hasStableName();
        }

        @Override
        public boolean isPortable() {
            return this.task.isPortable();
        }

        @Override
        public void checkArguments(List<Object> args, Map<String, Object> kwargs) {
            this.task.checkArguments(args, kwargs);
        }

        @Override
        public Object invoke(List<Object> args, Map<String, Object> kwargs) throws Exception {
            ClusterJobs.runTime(this.runTimes.get(Math.min(this.next.getAndIncrement(), this.runTimes.size() - 1)));
            try {
                return this.task.invoke(args, kwargs);
            }
            finally {
                ClusterJobs.runTime(null);
            }
        }
    }
}
