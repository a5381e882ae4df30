-- Kairos run history, PostgreSQL: the index for "failed runs since", run after runs-postgresql.sql (by create-schema,
-- as the Flyway migration V4__kairos_job_runs_failed_index.sql, or as the Liquibase changeset
-- kairos-job-runs-4-postgresql-failed-index). A partial index over the runs that did not succeed replaces the index
-- on (outcome, finished_at, run_id): nearly every run succeeds, and each index entry costs the database CPU time and
-- WAL on every recorded run. Queries for succeeded runs use the finish-time index. Drops that one index, no data;
-- create-schema then no longer creates it.
-- CONCURRENTLY: the build does not block run history inserts (it takes a SHARE UPDATE EXCLUSIVE lock and waits for
-- the transactions running on the table), and cannot run in a transaction: create-schema runs it in auto-commit,
-- Flyway outside a transaction (V4__kairos_job_runs_failed_index.sql.conf), Liquibase with runInTransaction: false.
-- An interrupted build leaves an INVALID index that IF NOT EXISTS then skips: drop it (docs/run-history.md).
CREATE INDEX CONCURRENTLY IF NOT EXISTS kairos_job_runs_failed_idx ON kairos_job_runs (finished_at, run_id) WHERE outcome <> 'SUCCEEDED';
DROP INDEX CONCURRENTLY IF EXISTS kairos_job_runs_outcome_idx;
