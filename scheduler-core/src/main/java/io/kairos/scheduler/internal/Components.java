package io.kairos.scheduler.internal;

import io.kairos.scheduler.executor.JobExecutor;
import io.kairos.scheduler.store.JobStore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The scheduler's executors and job stores by alias, sorted by alias. Thread-safe.
 */
public final class Components {

    private final Map<String, JobExecutor> executors = new ConcurrentSkipListMap<>();

    private final Map<String, JobStore> stores = new ConcurrentSkipListMap<>();

    /**
     * The executors by alias.
     *
     * @return the executors by alias, a live, sorted, thread-safe view
     */
    public Map<String, JobExecutor> executors() {
        return this.executors;
    }

    /**
     * The stores by alias.
     *
     * @return the stores by alias, a live, sorted, thread-safe view
     */
    public Map<String, JobStore> stores() {
        return this.stores;
    }

    /**
     * An executor by alias.
     *
     * @param alias the alias
     * @return the executor, or empty
     */
    public Optional<JobExecutor> executor(String alias) {
        return Optional.ofNullable(this.executors.get(alias));
    }

    /**
     * A store by alias.
     *
     * @param alias the alias
     * @return the store
     * @throws IllegalArgumentException naming the alias and the known ones when there is none
     */
    public JobStore requireStore(String alias) {
        JobStore store = this.stores.get(alias);
        if (store == null) {
            throw new IllegalArgumentException("No job store by the alias of '" + alias + "'; known job stores: " + this.stores.keySet());
        }
        return store;
    }

    /**
     * How many runs all executors can start now.
     *
     * @return the sum of the free slots, saturated at {@link Integer#MAX_VALUE}
     */
    public int freeSlots() {
        long total = 0;
        for (JobExecutor executor : this.executors.values()) {
            total += executor.freeSlots();
        }
        return (int) Math.min(Integer.MAX_VALUE, total);
    }
}
