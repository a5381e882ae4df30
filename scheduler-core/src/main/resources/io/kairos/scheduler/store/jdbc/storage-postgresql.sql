-- Kairos job store, PostgreSQL: storage settings of the job table, run after schema-postgresql.sql (by create-schema,
-- as the Flyway migration V3__kairos_jobs_autovacuum.sql, or as the Liquibase changeset
-- kairos-jobs-3-postgresql-autovacuum). Autovacuum treats the table as a queue: it vacuums after 1,000 + 1 % dead
-- rows (the default waits for 20 % of the table, 200,000 dead rows at a million jobs, which slow the run-time index
-- scan at its front) and analyzes after 1,000 + 5 % changed rows. Changes storage parameters only; drops nothing.
ALTER TABLE kairos_jobs SET (autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_analyze_threshold = 1000, autovacuum_analyze_scale_factor = 0.05);
