package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobStoreException;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job store contract on H2 (in memory), plus failure handling.
 */
class H2JdbcJobStoreTests extends JdbcJobStoreContractTests {

    private static final String TABLE = "kairos_jobs_h2_tests";

    private static HikariDataSource dataSource;

    @BeforeAll
    static void createDataSource() throws SQLException {
        dataSource = openPool("jdbc:h2:mem:kairos_h2_tests;DB_CLOSE_DELAY=-1", null, null, TABLE);
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

    @Test
    void malformedJsonRowIsShownAsBrokenAndNeverDeleted() throws SQLException {
        insertRawRow("garbled", "{\"format\":1, \"id\": ");
        assertThat(this.store.acquireDueJobs(A, T0, 10, T0.plusSeconds(60))).singleElement()
                .satisfies((job) -> assertThat(job.brokenReason()).startsWith("stored job 'garbled' is not valid JSON"));
        assertThat(this.store.lookupJob("garbled")).hasValueSatisfying((job) -> {
            assertThat(job.brokenReason()).contains("not valid JSON");
            assertThat(job.task()).isEqualTo(io.kairos.scheduler.store.JobCodec.UNREADABLE_TASK);
        });
        assertThat(this.store.getAllJobs()).hasSize(1);
    }

    @Test
    void missingTableFailsAtStartNamingTheStoreAndBothWaysToCreateIt() {
        JdbcJobStore store = new JdbcJobStore(dataSource, JdbcJobStoreSettings.defaults().withTableName("kairos_jobs_h2_missing")
            .withCreateSchema(false));
        assertThatThrownBy(() -> store.start(context(A))).isInstanceOf(JobStoreException.class)
                .hasMessageStartingWith("job store 'default': job table kairos_jobs_h2_missing cannot be read; let the store create "
                        + "it (JdbcJobStoreSettings.withCreateSchema(true); in Spring Boot kairos.jobstores.default.initialize-schema: "
                        + "always), or copy the script classpath:io/kairos/scheduler/store/jdbc/schema-h2.sql and rename its "
                        + "table kairos_jobs to kairos_jobs_h2_missing")
                .message().doesNotContain("(create-schema)");
    }

    @Test
    void missingDefaultTableNamesTheScriptAsItIs() {
        assertThat(StartedStore.missingTableMessage("orders", TableName.parse("kairos_jobs"), "kairos_jobs",
                "io/kairos/scheduler/store/jdbc/schema-h2.sql"))
            .isEqualTo("job store 'orders': job table kairos_jobs cannot be read; let the store create it "
                    + "(JdbcJobStoreSettings.withCreateSchema(true); in Spring Boot kairos.jobstores.orders.initialize-schema: always), "
                    + "or run the script classpath:io/kairos/scheduler/store/jdbc/schema-h2.sql (or the Flyway/Liquibase "
                    + "migrations in the Kairos jar).");
    }

    @Test
    void unreachableDatabaseFailsWithAJobStoreException() {
        org.h2.jdbcx.JdbcDataSource nowhere = new org.h2.jdbcx.JdbcDataSource();
        nowhere.setURL("jdbc:h2:file:./target/kairos-no-such-db;IFEXISTS=TRUE");
        assertThatThrownBy(() -> new JdbcJobStore(nowhere).start(context(A))).isInstanceOf(JobStoreException.class)
                .hasMessageContaining("could not start");
    }

    @Test
    void databaseFailureDuringUseIsAJobStoreException() throws SQLException {
        this.store.addJob(job("a", T0), ConflictPolicy.ERROR);
        execute("ALTER TABLE %s RENAME TO kairos_jobs_h2_renamed");
        try {
            assertThatThrownBy(() -> this.store.lookupJob("a")).isInstanceOf(JobStoreException.class)
                    .hasMessageContaining("could not look up job a").hasMessageContaining(TABLE);
        }
        finally {
            execute("ALTER TABLE kairos_jobs_h2_renamed RENAME TO %s");
        }
    }
}
