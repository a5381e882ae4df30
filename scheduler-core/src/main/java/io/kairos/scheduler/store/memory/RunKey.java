package io.kairos.scheduler.store.memory;

import io.kairos.scheduler.history.RunCursor;
import io.kairos.scheduler.history.RunIds;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A run record's place in the order of a {@link MemoryRunHistory}: its {@code finishedAt}, then its {@code runId}
 * (as {@link String#compareTo}), kept unpacked so that comparing two keys reads no other object.
 *
 * <p>A run id of the scheduler's shape ({@link RunIds}) is kept as two numbers and rendered on demand (comparing the
 * numbers orders as comparing the text does); any other run id is kept as given. The key's fields are immutable;
 * {@link RunNode} extends it so that a node and its key are one object.
 */
class RunKey {

    final long second;

    final int nano;

    /** The run id as given, or {@code null} when it is packed into {@link #runHigh} and {@link #runLow}. */
    private final @Nullable String runIdText;

    /** A packed run id's first 12 digits. */
    private final long runHigh;

    /** A packed run id's last 16 digits (sequence and tag), compared unsigned. */
    private final long runLow;

    RunKey(Instant finishedAt, String runId) {
        this.second = finishedAt.getEpochSecond();
        this.nano = finishedAt.getNano();
        // one pass over the digits: each part is -1 when it, or a part before it, is not of the shape
        long high = RunIds.hasDashes(runId) ? RunIds.hexValue(runId, 0, 12) : -1;
        long sequence = high < 0 ? -1 : RunIds.hexValue(runId, 13, 21);
        long tag = sequence < 0 ? -1 : RunIds.hexValue(runId, 22, 30);
        boolean packed = tag >= 0;
        this.runIdText = packed ? null : runId;
        this.runHigh = packed ? high : 0;
        this.runLow = packed ? sequence << 32 | tag : 0;
    }

    static RunKey of(RunCursor cursor) {
        return new RunKey(cursor.finishedAt(), cursor.runId());
    }

    final Instant finishedAt() {
        return Instant.ofEpochSecond(this.second, this.nano);
    }

    final String runId() {
        String text = this.runIdText;
        return text != null ? text : RunIds.of(this.runHigh, this.runLow >>> 32, (int) this.runLow);
    }

    /** Orders by key, oldest first: negative when this key is older than the other. */
    final int compareTo(RunKey other) {
        if (this.second != other.second) {
            return this.second < other.second ? -1 : 1;
        }
        if (this.nano != other.nano) {
            return this.nano < other.nano ? -1 : 1;
        }
        if (this.runIdText == null && other.runIdText == null) {
            int high = Long.compare(this.runHigh, other.runHigh);
            return high != 0 ? high : Long.compareUnsigned(this.runLow, other.runLow);
        }
        return runId().compareTo(other.runId());
    }
}
