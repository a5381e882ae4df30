package io.kairos.scheduler.executor;

import java.time.Duration;

/**
 * A run time of a job ran longer than the job's timeout on a thread of this JVM ({@code thread-pool} or
 * {@code virtual-thread} executor): its thread was interrupted and the run time is reported as failed with this
 * exception (recorded as {@code TIMED_OUT}). The thread keeps its max-instances slot and its executor slot until
 * the task really returns; a task that ignores the interrupt is reported as stuck
 * ({@link RunListener#stuck}). Never thrown into the task.
 */
public class RunTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param timeout the timeout the run time exceeded, positive
     * @param message what ran too long and what was done
     */
    public RunTimeoutException(Duration timeout, String message) {
        super(message);
        this.timeout = timeout;
    }

    /**
     * The timeout the run time exceeded.
     *
     * @return the timeout, positive
     */
    public Duration timeout() {
        return this.timeout;
    }
}
