package io.kairos.scheduler.trigger;

/**
 * A combining trigger ({@code and}) that found no common fire time within its bounded number of
 * search steps. APScheduler 3's {@code AndTrigger} would loop forever; Kairos stops and says so.
 */
public class TriggerSearchException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was searched and for how many steps
     */
    public TriggerSearchException(String message) {
        super(message);
    }
}
