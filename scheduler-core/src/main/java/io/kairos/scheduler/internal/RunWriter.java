package io.kairos.scheduler.internal;

import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.JobStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches of run records to their stores' histories, store by store, and keeps what a store fails to take in
 * a {@link RunBacklog} until that store takes it; one call per store and batch, no sleeping. Not thread-safe:
 * confined to the recorder's writer thread.
 */
final class RunWriter {

    private static final Logger logger = LoggerFactory.getLogger(RunRecorder.class);

    private final Components components;

    private final RunBacklog backlog;

    RunWriter(Components components, RunBacklog backlog) {
        this.components = components;
        this.backlog = backlog;
    }

    /** How long until a store's retry is due, in nanoseconds ({@code Long.MAX_VALUE} when nothing waits). */
    long nanosUntilDue() {
        return this.backlog.nanosUntilDue();
    }

    /** The records waiting for their stores. */
    int held() {
        return this.backlog.size();
    }

    /**
     * Writes a batch store by store (a store with a backlog gets the records appended to it, to be written after the
     * older ones), keeps what a store fails to take in its backlog, then tries once each store whose retry is due.
     */
    void write(List<RunRecord> batch) {
        byStore(batch).forEach((alias, runs) -> {
            if (this.backlog.holds(alias)) {
                this.backlog.hold(alias, runs, null);
                return;
            }
            RuntimeException failure = writeOnce(alias, runs);
            if (failure != null) {
                this.backlog.hold(alias, runs, failure);
            }
        });
        for (String alias : this.backlog.due()) {
            List<RunRecord> oldest = this.backlog.oldest(alias, RunRecorder.BATCH_SIZE);
            if (writeOnce(alias, oldest) == null) {
                this.backlog.written(alias, oldest.size());
            }
            else {
                this.backlog.failed(alias);
            }
        }
    }

    /** At stop: the batch joins the backlogs, each store gets one last attempt, and what is left is reported at WARN. */
    void flush(List<RunRecord> batch) {
        byStore(batch).forEach((alias, runs) -> this.backlog.hold(alias, runs, null));
        for (String alias : this.backlog.counts().keySet()) {
            List<RunRecord> oldest = this.backlog.oldest(alias, RunRecorder.BATCH_SIZE);
            while (!oldest.isEmpty() && writeOnce(alias, oldest) == null) {
                this.backlog.written(alias, oldest.size());
                oldest = this.backlog.oldest(alias, RunRecorder.BATCH_SIZE);
            }
        }
        if (this.backlog.size() > 0) {
            logger.warn("Run history: {} run records not written at shutdown, their stores did not take them (per store: {})",
                    this.backlog.size(), this.backlog.counts());
        }
    }

    /** The batch's records by store, in batch order; one comparison per record when they are all of one store. */
    private static Map<String, List<RunRecord>> byStore(List<RunRecord> batch) {
        if (batch.isEmpty()) {
            return Map.of();
        }
        String first = batch.get(0).jobStore();
        int same = 1;
        while (same < batch.size() && first.equals(batch.get(same).jobStore())) {
            same++;
        }
        if (same == batch.size()) {
            return Map.of(first, new ArrayList<>(batch));
        }
        Map<String, List<RunRecord>> byStore = new LinkedHashMap<>();
        batch.forEach((run) -> byStore.computeIfAbsent(run.jobStore(), (a) -> new ArrayList<>()).add(run));
        return byStore;
    }

    /** Writes one store's records; returns the store's failure, or {@code null} when written (or the store is gone). */
    private @Nullable RuntimeException writeOnce(String alias, List<RunRecord> runs) {
        JobStore store = this.components.stores().get(alias);
        if (store == null) {
            logger.debug("Run history: store '{}' was removed; {} run records dropped", alias, runs.size());
            return null;
        }
        try {
            RunHistory history = store.runHistory();
            if (history.isRecording() && !runs.isEmpty()) {
                history.record(runs);
            }
            return null;
        }
        catch (RuntimeException ex) {
            logger.debug("Run history: store '{}' failed to record {} runs", alias, runs.size(), ex);
            return ex;
        }
    }

}
