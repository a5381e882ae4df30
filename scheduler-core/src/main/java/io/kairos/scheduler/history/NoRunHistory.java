package io.kairos.scheduler.history;

import java.time.Instant;
import java.util.List;

/** {@link RunHistory#none()}. */
enum NoRunHistory implements RunHistory {

    INSTANCE;

    @Override
    public boolean isRecording() {
        return false;
    }

    @Override
    public void record(List<RunRecord> runs) {
        // keeps nothing: the scheduler checks isRecording() and reports it
    }

    @Override
    public List<RunRecord> findRuns(RunQuery query) {
        return List.of();
    }

    @Override
    public int removeExpiredRuns(String schedulerId, RunRetention retention, Instant now, int batchSize) {
        return 0;
    }
}
