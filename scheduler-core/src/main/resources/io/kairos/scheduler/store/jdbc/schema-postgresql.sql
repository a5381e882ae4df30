-- Kairos job store, PostgreSQL 12+. Creates what is missing, never drops anything.
-- Times are epoch milliseconds (UTC). next_run_time is NULL when the job is paused or broken.
-- The columns are authoritative for what they hold, job_data (format-versioned JSON) holds the rest.
-- Besides the key, only next_run_time is indexed (with id), and each page keeps 15 % free (fillfactor 85): taking or
-- extending a lease then writes the row's new version on its own page (a HOT update), without new index entries.
-- Autovacuum treats the table as a queue: it vacuums after 1,000 + 1 % dead rows (the default waits for 20 % of the
-- table, 200,000 dead rows at a million jobs, which slow the run-time index scan at its front) and analyzes after
-- 1,000 + 5 % changed rows.
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
) WITH (fillfactor = 85, autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_analyze_threshold = 1000, autovacuum_analyze_scale_factor = 0.05);
CREATE INDEX IF NOT EXISTS kairos_jobs_next_run_time_idx ON kairos_jobs (next_run_time, id);
