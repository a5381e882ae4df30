-- Kairos job store, MariaDB 10.6+. Creates what is missing, never drops anything.
-- Times are epoch milliseconds (UTC). next_run_time is NULL when the job is paused or broken.
-- The columns are authoritative for what they hold, job_data (format-versioned JSON) holds the rest.
-- Ids compare byte by byte (utf8mb4_bin): 'Order-1' and 'order-1' are different jobs.
CREATE TABLE IF NOT EXISTS kairos_jobs (
    id             VARCHAR(191) NOT NULL PRIMARY KEY,
    next_run_time  BIGINT,
    next_fire_time BIGINT,
    state          VARCHAR(16)  NOT NULL,
    version        BIGINT       NOT NULL,
    lease_owner    VARCHAR(191),
    lease_until    BIGINT,
    broken_reason  TEXT,
    job_data       JSON         NOT NULL,
    INDEX kairos_jobs_next_run_time_idx (next_run_time, id),
    INDEX kairos_jobs_lease_until_idx (lease_until)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
