package io.kairos.scheduler.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executors' free slots as the store loops share them: a loop reserves the slots it may fill before it acquires
 * jobs from its store and gives the reservation back once it submitted them, so two loops acquiring at the same time
 * never take more jobs together than the executors accept. A loop that found no free slot asks to be woken when
 * slots free up ({@link #wakeWhenFree}); the end of a run on an executor that {@linkplain
 * io.kairos.scheduler.executor.JobExecutor#isRunningLow() runs low} and every returned reservation wake those loops
 * ({@link #freed()}). Thread-safe.
 */
final class ExecutorSlots {

    private final Components components;

    private final AtomicInteger reserved = new AtomicInteger();

    private final Set<LoopSignal> waiting = ConcurrentHashMap.newKeySet();

    ExecutorSlots(Components components) {
        this.components = components;
    }

    /**
     * The free slots not reserved by a loop.
     *
     * @return zero or more
     */
    int available() {
        return Math.max(0, this.components.freeSlots() - this.reserved.get());
    }

    /**
     * Reserves up to {@code wanted} free slots. A reservation is returned with {@link #release} once the runs it was
     * for are submitted (each submitted run holds its slot in its executor from then on).
     *
     * @param wanted the most slots to reserve, at least 1
     * @return the slots reserved, zero when none is free
     */
    int reserve(int wanted) {
        while (true) {
            int current = this.reserved.get();
            // freeSlots is read after the reservations: a reservation returned meanwhile (its runs submitted, so no
            // longer free) fails the exchange below, and runs submitted under a reservation still held are counted
            // twice (by the executor and by the reservation), which errs on the safe side
            long free = (long) this.components.freeSlots() - current;
            int take = (int) Math.min(wanted, free);
            if (take <= 0) {
                return 0;
            }
            if (this.reserved.compareAndSet(current, current + take)) {
                return take;
            }
        }
    }

    /**
     * Returns a reservation and wakes the loops waiting for slots.
     *
     * @param slots what {@link #reserve} returned; zero does nothing
     */
    void release(int slots) {
        if (slots > 0) {
            this.reserved.addAndGet(-slots);
            freed();
        }
    }

    /**
     * Makes the next {@link #freed()} wake a loop that found no free slot; wakes it at once when slots were freed
     * meanwhile (the signal is registered before the slots are read again, so a freeing in between is not missed).
     *
     * @param signal the loop's signal
     */
    void wakeWhenFree(LoopSignal signal) {
        this.waiting.add(signal);
        if (available() > 0 && this.waiting.remove(signal)) {
            signal.signal();
        }
    }

    /**
     * Wakes every loop waiting for free slots; a no-op (one read) when none waits. Callable from any thread.
     */
    void freed() {
        if (this.waiting.isEmpty()) {
            return;
        }
        for (LoopSignal signal : this.waiting) {
            if (this.waiting.remove(signal)) {
                signal.signal();
            }
        }
    }
}
