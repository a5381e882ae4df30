package io.kairos.scheduler.internal;

import io.kairos.scheduler.event.EventListener;
import io.kairos.scheduler.event.SchedulerEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds listeners by event type and calls them synchronously; a listener that throws is logged and the rest
 * still run. Thread-safe.
 */
public final class EventDispatcher {

    private static final Logger logger = LoggerFactory.getLogger(EventDispatcher.class);

    private record Subscription(Class<? extends SchedulerEvent> type, EventListener<?> listener) {
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    /**
     * Subscribes a listener to events of a type (and its subtypes).
     *
     * @param <E> the event type
     * @param type the event type; {@code SchedulerEvent.class} for all events
     * @param listener the listener
     */
    public <E extends SchedulerEvent> void add(Class<E> type, EventListener<? super E> listener) {
        this.subscriptions.add(new Subscription(type, listener));
    }

    /**
     * Removes every subscription of a listener.
     *
     * @param listener the listener, compared by identity
     * @return whether it was subscribed
     */
    public boolean remove(EventListener<?> listener) {
        return this.subscriptions.removeIf((s) -> s.listener() == listener);
    }

    /**
     * Whether any listener would receive an event of this type: the loop's hot paths skip building events nobody
     * listens to.
     *
     * @param type the event type
     * @return {@code true} when a listener subscribed to the type or a supertype
     */
    public boolean wants(Class<? extends SchedulerEvent> type) {
        for (Subscription subscription : this.subscriptions) {
            if (subscription.type().isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Calls the listeners of an event, in subscription order.
     *
     * @param event the event
     */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public void publish(SchedulerEvent event) {
        for (Subscription subscription : this.subscriptions) {
            if (subscription.type().isInstance(event)) {
                try {
                    ((EventListener) subscription.listener()).onEvent(event);
                }
                catch (RuntimeException | Error ex) {
                    if (ex instanceof VirtualMachineError vme) {
                        throw vme;
                    }
                    logger.error("Event listener {} failed on {}", subscription.listener(), event, ex);
                }
            }
        }
    }

    /**
     * Publishes events in order.
     *
     * @param events the events
     */
    public void publishAll(List<? extends SchedulerEvent> events) {
        events.forEach(this::publish);
    }
}
