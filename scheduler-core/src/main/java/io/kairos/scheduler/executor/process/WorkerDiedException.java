package io.kairos.scheduler.executor.process;

/**
 * A worker JVM ended in the middle of a run (or while starting): the task called {@code System.exit}, the JVM
 * ran out of memory ({@link WorkerMain#EXIT_OUT_OF_MEMORY}), crashed, or was killed from outside. The message
 * says which, with the exit status and the last lines the worker wrote (stderr, or stray lines on stdout).
 */
public class WorkerDiedException extends WorkerProcessException {

    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    private final String reason;

    /**
     * Creates the exception.
     *
     * @param pid the worker's pid
     * @param exitStatus the worker's exit status (128 + n when killed by signal n)
     * @param reason what happened, e.g. {@code ran out of memory}; never {@code null}
     * @param message the full message
     */
    WorkerDiedException(long pid, int exitStatus, String reason, String message) {
        super(pid, message);
        this.exitStatus = exitStatus;
        this.reason = reason;
    }

    /**
     * The worker's exit status, as {@link Process#exitValue()} reports it: 128 + n when killed by signal n,
     * {@link WorkerMain#EXIT_OUT_OF_MEMORY} after an {@link OutOfMemoryError}, else what the task passed to
     * {@code System.exit}.
     *
     * @return the exit status
     */
    public int exitStatus() {
        return exitStatus;
    }

    /**
     * What ended the worker, in a few words: {@code ran out of memory}, {@code was killed by signal 9},
     * {@code exited with status 3}, ...
     *
     * @return the reason, never {@code null}
     */
    public String reason() {
        return reason;
    }
}
