package io.kairos.scheduler.store.jdbc;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInfo;

/**
 * The job store contract on MariaDB (127.0.0.1:3306, database {@code test}, user {@code root}). Subclasses may
 * change the JDBC URL and the table; each test class gets a pool of its own, opened by its first test.
 */
class MariaDbJdbcJobStoreIT extends JdbcJobStoreContractTests {

    private static final Map<Class<?>, HikariDataSource> POOLS = new ConcurrentHashMap<>();

    @AfterAll
    static void closeDataSource(TestInfo info) {
        HikariDataSource pool = POOLS.remove(info.getTestClass().orElseThrow());
        if (pool != null) {
            pool.close();
        }
    }

    /**
     * The JDBC URL of the database under test.
     *
     * @return the URL
     */
    protected String url() {
        return "jdbc:mariadb://127.0.0.1:3306/test";
    }

    @Override
    protected DataSource dataSource() {
        return POOLS.computeIfAbsent(getClass(), (testClass) -> {
            try {
                return openPool(url(), "root", "", tableName());
            }
            catch (SQLException ex) {
                throw new IllegalStateException("cannot open " + url(), ex);
            }
        });
    }

    @Override
    protected String tableName() {
        return "kairos_jobs_mariadb_it";
    }
}
