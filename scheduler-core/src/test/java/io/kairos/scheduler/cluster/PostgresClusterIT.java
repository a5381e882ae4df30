package io.kairos.scheduler.cluster;

import java.util.Map;

/**
 * {@link MultiInstanceClusterTests} on the JDBC job store, PostgreSQL 127.0.0.1:5432 database {@code test}.
 */
class PostgresClusterIT extends MultiInstanceClusterTests {

    @Override
    Map<String, String> storeOptions(String suffix) {
        return Map.of("store", "jdbc", "jdbc-url", RunsTable.JDBC_URL, "table", "kairos_jobs_cluster_" + suffix);
    }
}
