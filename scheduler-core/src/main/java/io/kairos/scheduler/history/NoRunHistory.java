package io.kairos.scheduler.history;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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
    public Map<String, RunRecord> lastRuns(Collection<String> jobIds) {
        RunHistory.checkJobIds(jobIds);
        return Map.of();
    }

    @Override
    public int removeExpiredRuns(String schedulerId, RunRetention retention, Instant now, int batchSize) {
        return 0;
    }
}
