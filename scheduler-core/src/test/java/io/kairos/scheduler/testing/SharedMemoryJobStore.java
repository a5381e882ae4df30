package io.kairos.scheduler.testing;

import io.kairos.scheduler.store.memory.MemoryJobStore;

/**
 * A memory store that claims to be shared, to exercise the rules for persistent stores without a database.
 */
public class SharedMemoryJobStore extends MemoryJobStore {

    @Override
    public boolean isShared() {
        return true;
    }
}
