package io.kairos.scheduler.testing;

import io.kairos.scheduler.event.EventListener;
import io.kairos.scheduler.event.SchedulerEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every event it receives, for assertions. Thread-safe.
 */
public final class EventRecorder implements EventListener<SchedulerEvent> {

    private final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(SchedulerEvent event) {
        this.events.add(event);
    }

    /**
     * All events so far, in order.
     *
     * @return a snapshot
     */
    public List<SchedulerEvent> all() {
        return List.copyOf(this.events);
    }

    /**
     * The events of a type so far, in order.
     *
     * @param <E> the type
     * @param type the event class
     * @return a snapshot
     */
    public <E extends SchedulerEvent> List<E> of(Class<E> type) {
        return this.events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets the events so far. */
    public void clear() {
        this.events.clear();
    }
}
