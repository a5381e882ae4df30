-- Kairos job store, PostgreSQL 12+. Creates what is missing, never drops anything.
-- Times are epoch milliseconds (UTC). next_run_time is NULL when the job is paused or broken.
-- The columns are authoritative for what they hold, job_data (format-versioned JSON) holds the rest.
-- Besides the key, only next_run_time is indexed (with id), and each page keeps 15 % free (fillfactor 85): taking or
-- extending a lease then writes the row's new version on its own page (a HOT update), without new index entries.
CREATE TABLE IF NOT EXISTS kairos_jobs (
    id             VARCHAR(191) COLLATE "C" NOT NULL PRIMARY KEY,
    next_run_time  BIGINT,
    next_fire_time BIGINT,
    state          VARCHAR(16)  NOT NULL,
    version        BIGINT       NOT NULL,
    lease_owner    VARCHAR(191),
    lease_until    BIGINT,
    broken_reason  TEXT,
    job_data       JSONB        NOT NULL
) WITH (fillfactor = 85);
CREATE INDEX IF NOT EXISTS kairos_jobs_next_run_time_idx ON kairos_jobs (next_run_time, id);
