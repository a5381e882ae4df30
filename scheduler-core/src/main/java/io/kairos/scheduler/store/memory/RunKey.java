package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunCursor;
import io.kairos.scheduler.history.RunIds;

import org.jspecify.annotations.Nullable;

/**
 * A place in the order of a {@link MemoryRunHistory}'s records: a page cursor's {@code finishedAt}, then its
 * {@code runId} (as {@link String#compareTo}), unpacked as {@link RunColumns} keeps a record's key, so that comparing
 * a row against it reads no other object. A run id of the scheduler's shape ({@link RunIds}) is kept as two numbers;
 * any other as given. Immutable.
 */
final class RunKey {

    final long second;

    final int nano;

    /** The run id as given, or {@code null} when it is packed into {@link #runHigh} and {@link #runLow}. */
    private final @Nullable String runIdText;

    /** A packed run id's first 12 digits. */
    final long runHigh;

    /** A packed run id's last 16 digits (sequence and tag), compared unsigned. */
    final long runLow;

    private RunKey(RunCursor cursor) {
        this.second = cursor.finishedAt().getEpochSecond();
        this.nano = cursor.finishedAt().getNano();
        long[] parts = new long[2];
        boolean packed = RunIds.pack(cursor.runId(), parts);
        this.runIdText = packed ? null : cursor.runId();
        this.runHigh = parts[0];
        this.runLow = parts[1];
    }

    static RunKey of(RunCursor cursor) {
        return new RunKey(cursor);
    }

    boolean isPacked() {
        return this.runIdText == null;
    }

    String runId() {
        String text = this.runIdText;
        return text != null ? text : RunIds.ofPacked(this.runHigh, this.runLow);
    }
}
