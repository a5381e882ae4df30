package io.kairos.scheduler.internal;

import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.executor.ThreadPoolJobExecutor;
import io.kairos.scheduler.store.JobStore;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.task.Task;
import io.kairos.scheduler.task.Tasks;


/**
 * Where a job goes, checked at add and change time: its executor and store exist (or are the defaults created at
 * start), accept its task, and the executor accepts its options. Thread-safe (reads settings that change only while
 * stopped).
 */
final class JobPlacement {

    /** Stands in, for {@link JobExecutor#checkJob}, for the default executor created at start (never started). */
    private static final JobExecutor DEFAULT_EXECUTOR_RULES = new ThreadPoolJobExecutor();

    private final Settings settings;

    JobPlacement(Settings settings) {
        this.settings = settings;
    }

    /** Checks that the executor and store exist (or are the defaults created at start) and accept the task. */
    void check(Task task, String executorAlias, String storeAlias) {
        JobExecutor executor = this.settings.components.executors().get(executorAlias);
        if (executor == null && !executorAlias.equals(JobAssembler.DEFAULT)) {
            throw new IllegalArgumentException("No executor by the alias of '" + executorAlias + "'; known executors: "
                    + this.settings.components.executors().keySet() + " (and 'default', created at start when missing)");
        }
        if (executor != null) {
            executor.checkTask(task);
        }
        JobStore store = this.settings.components.stores().get(storeAlias);
        if (store == null && !storeAlias.equals(JobAssembler.DEFAULT)) {
            throw new IllegalArgumentException("No job store by the alias of '" + storeAlias + "'; known job stores: "
                    + this.settings.components.stores().keySet() + " (and 'default', created at start when missing)");
        }
        if (store != null && store.isShared() && !task.hasStableName()) {
            throw new IllegalArgumentException(Tasks.unstableNameMessage(task, storeAlias));
        }
    }

    /**
     * Lets the job's executor veto its options ({@link JobExecutor#checkJob}); the default executor, when it is
     * still to be created at start, is a thread pool.
     */
    void checkExecutorAccepts(StoredJob job) {
        JobExecutor executor = this.settings.components.executors().get(job.executor());
        if (executor == null && job.executor().equals(JobAssembler.DEFAULT)) {
            executor = DEFAULT_EXECUTOR_RULES;
        }
        if (executor != null) {
            executor.checkJob(job);
        }
    }
}
