-- Kairos run history, MySQL 8.0+: one row per run attempt of a job of the job table. Creates what is missing,
-- never drops anything. Times are epoch milliseconds (UTC); run_data holds the whole record as JSON.
-- The table is <job table>_runs (kairos_job_runs for the default kairos_jobs). Indexed for "runs of a job, newest
-- first", "all runs, newest first" and "runs of an outcome since".
CREATE TABLE IF NOT EXISTS kairos_job_runs (
    run_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    job_id      VARCHAR(191) NOT NULL,
    finished_at BIGINT       NOT NULL,
    outcome     VARCHAR(32)  NOT NULL,
    run_data    MEDIUMTEXT   NOT NULL,
    INDEX kairos_job_runs_job_idx (job_id, finished_at, run_id),
    INDEX kairos_job_runs_finished_idx (finished_at, run_id),
    INDEX kairos_job_runs_outcome_idx (outcome, finished_at, run_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
