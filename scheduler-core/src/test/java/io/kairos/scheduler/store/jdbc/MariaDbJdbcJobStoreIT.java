package io.kairos.scheduler.store.jdbc;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The job store contract on MariaDB (127.0.0.1:3306, database {@code test}, user {@code root}).
 */
class MariaDbJdbcJobStoreIT extends JdbcJobStoreContractTests {

    private static final String TABLE = "kairos_jobs_mariadb_it";

    private static HikariDataSource dataSource;

    @BeforeAll
    static void createDataSource() throws SQLException {
        dataSource = openPool("jdbc:mariadb://127.0.0.1:3306/test", "root", "", TABLE);
    }

    @AfterAll
    static void closeDataSource() {
        dataSource.close();
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected String tableName() {
        return TABLE;
    }
}
