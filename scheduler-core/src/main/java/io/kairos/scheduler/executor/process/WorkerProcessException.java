package io.kairos.scheduler.executor.process;

/**
 * A run failed because of its worker process, not because the task threw: the worker died or was killed.
 * The process pool has discarded the worker and starts a replacement.
 */
public abstract class WorkerProcessException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long pid;

    WorkerProcessException(long pid, String message) {
        super(message);
        this.pid = pid;
    }

    /**
     * The worker's process id.
     *
     * @return the operating system's pid of the worker JVM
     */
    public long pid() {
        return pid;
    }
}
