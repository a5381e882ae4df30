package io.kairos.scheduler;

/**
 * A call that needs a stopped scheduler ({@code start}, {@code configure}) was made on a started one (as
 * APScheduler 3's {@code SchedulerAlreadyRunningError}).
 */
public class SchedulerAlreadyRunningException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param what the call that was refused
     */
    public SchedulerAlreadyRunningException(String what) {
        super("Scheduler is already running; " + what + " needs a stopped scheduler");
    }
}
