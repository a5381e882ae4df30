package io.kairos.scheduler.event;

/**
 * Receives scheduler events. Called synchronously in the publishing thread (see {@link SchedulerEvent}), so
 * it should be quick; it may be called from several threads at once. An exception it throws is logged and
 * never reaches the scheduler's loop or the caller.
 *
 * @param <E> the event type listened to
 */
@FunctionalInterface
public interface EventListener<E extends SchedulerEvent> {

    /**
     * Handles one event.
     *
     * @param event the event, never {@code null}
     */
    void onEvent(E event);
}
