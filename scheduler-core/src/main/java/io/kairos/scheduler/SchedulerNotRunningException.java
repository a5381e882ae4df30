package io.kairos.scheduler;

/**
 * A call that needs a started scheduler ({@code shutdown}, {@code pause}, {@code resume}, {@code exportJobs})
 * was made on a stopped one (as APScheduler 3's {@code SchedulerNotRunningError}).
 */
public class SchedulerNotRunningException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param what the call that was refused
     */
    public SchedulerNotRunningException(String what) {
        super("Scheduler is not running; " + what + " needs a started scheduler");
    }
}
