package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.store.StoredJob;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The memory store's {@link io.kairos.scheduler.store.JobState#FINISHED} markers, by id, with when each was written.
 * Not thread-safe: the store's lock guards it.
 */
final class FinishedMarkers {

    private record Marker(StoredJob job, Instant finishedAt) {
    }

    private final Map<String, Marker> markers = new HashMap<>();

    void put(StoredJob finished, Instant finishedAt) {
        this.markers.put(finished.id(), new Marker(finished.asFinished(), finishedAt));
    }

    Optional<StoredJob> get(String id) {
        Marker marker = this.markers.get(id);
        return marker == null ? Optional.empty() : Optional.of(marker.job());
    }

    boolean remove(String id) {
        return this.markers.remove(id) != null;
    }

    void clear() {
        this.markers.clear();
    }

    int removeBefore(Instant before) {
        int size = this.markers.size();
        this.markers.values().removeIf((marker) -> marker.finishedAt().isBefore(before));
        return size - this.markers.size();
    }
}
