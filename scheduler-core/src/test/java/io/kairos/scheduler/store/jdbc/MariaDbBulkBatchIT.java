package io.kairos.scheduler.store.jdbc;

/**
 * The job store contract on MariaDB through the driver's bulk protocol ({@code useBulkStmts=true}), which reports
 * no update count per batch entry ({@code SUCCESS_NO_INFO}): lease extensions must then read the lease owners back.
 */
class MariaDbBulkBatchIT extends MariaDbJdbcJobStoreIT {

    @Override
    protected String url() {
        return super.url() + "?useBulkStmts=true";
    }

    @Override
    protected String tableName() {
        return "lease_kairos_jobs_mariadb_bulk_it";
    }
}
