-- Kairos job store, PostgreSQL: the autovacuum settings of schema-postgresql.sql for a table created before them.
-- Autovacuum treats the table as a queue: it vacuums after 1,000 + 1 % dead rows and analyzes after 1,000 + 5 %
-- changed rows. Changes storage parameters only; drops nothing.
ALTER TABLE kairos_jobs SET (autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_analyze_threshold = 1000, autovacuum_analyze_scale_factor = 0.05);
