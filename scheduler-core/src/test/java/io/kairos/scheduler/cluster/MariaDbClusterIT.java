package io.kairos.scheduler.cluster;

import java.util.Map;

/**
 * {@link MultiInstanceClusterTests} on the JDBC job store, MariaDB 127.0.0.1:3306 database {@code test} (user
 * {@code root}, empty password; runs are still counted in PostgreSQL).
 */
class MariaDbClusterIT extends MultiInstanceClusterTests {

    @Override
    Map<String, String> storeOptions(String suffix) {
        return Map.of("store", "jdbc", "jdbc-url", "jdbc:mariadb://127.0.0.1:3306/test", "table", "kairos_jobs_cluster_" + suffix);
    }
}
