package io.kairos.scheduler.executor.process;

import java.time.Duration;

/**
 * A run took longer than its timeout: its worker JVM was killed ({@link Process#destroyForcibly()}) and is
 * replaced. The task had no chance to clean up.
 */
public class JobTimeoutException extends WorkerProcessException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    JobTimeoutException(long pid, Duration timeout, String message) {
        super(pid, message);
        this.timeout = timeout;
    }

    /**
     * The timeout the run exceeded.
     *
     * @return the timeout, positive
     */
    public Duration timeout() {
        return timeout;
    }
}
