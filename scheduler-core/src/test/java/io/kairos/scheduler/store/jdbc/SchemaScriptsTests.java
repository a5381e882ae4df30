package io.kairos.scheduler.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped schema scripts, their Flyway copies and the Liquibase changelog.
 */
class SchemaScriptsTests {

    /** CRC-32 of the PostgreSQL V1 script as first shipped (hex). */
    private static final String V1_POSTGRESQL_CRC32 = "a96e2b25";

    private static String resource(String path) throws IOException {
        try (InputStream in = SchemaScriptsTests.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "postgresql", "mysql", "mariadb", "h2" })
    void scriptOnlyCreatesWhatIsMissing(String databaseId) {
        String script = SchemaScripts.read(databaseId);
        String code = script.replaceAll("(?m)^\\s*--.*$", "").toUpperCase(Locale.ROOT);
        assertThat(code).doesNotContain("DROP").doesNotContain("ALTER").doesNotContain("TRUNCATE").doesNotContain("DELETE");
        for (String statement : SchemaScripts.statements(script, TableName.parse(TableName.DEFAULT))) {
            assertThat(statement).containsPattern("^CREATE (TABLE|INDEX) IF NOT EXISTS ");
        }
        assertThat(code).contains("NEXT_RUN_TIME", "NEXT_FIRE_TIME", "LEASE_OWNER", "LEASE_UNTIL", "STATE", "VERSION", "BROKEN_REASON",
                "JOB_DATA");
    }

    @ParameterizedTest
    @ValueSource(strings = { "postgresql", "mysql", "mariadb", "h2" })
    void flywayMigrationIsTheSchemaScript(String databaseId) throws IOException {
        assertThat(resource("db/migration/kairos/" + databaseId + "/V1__kairos_jobs.sql")).isEqualTo(SchemaScripts.read(databaseId));
    }

    @ParameterizedTest
    @ValueSource(strings = { "postgresql", "mysql", "mariadb", "h2" })
    void runHistoryScriptIsANewMigrationThatOnlyCreates(String databaseId) throws IOException {
        String script = SchemaScripts.readRuns(databaseId);
        assertThat(resource("db/migration/kairos/" + databaseId + "/V2__kairos_job_runs.sql")).isEqualTo(script);
        assertThat(resource("db/changelog/kairos/db.changelog-kairos.yaml")).contains("id: kairos-job-runs-1-" + databaseId + "\n",
                "path: " + SchemaScripts.runsResource(databaseId) + "\n");
        String code = script.replaceAll("(?m)^\\s*--.*$", "").toUpperCase(Locale.ROOT);
        assertThat(code).doesNotContain("DROP").doesNotContain("ALTER").doesNotContain("TRUNCATE").doesNotContain("DELETE");
        List<String> statements = SchemaScripts.statements(script, TableName.RUNS_DEFAULT, TableName.parse("sched.jobs_a").runs());
        assertThat(statements).allMatch((statement) -> statement.startsWith("CREATE TABLE IF NOT EXISTS sched.jobs_a_runs")
                || statement.matches("CREATE INDEX IF NOT EXISTS jobs_a_runs_\\w+_idx ON sched.jobs_a_runs .*"));
        assertThat(String.join("\n", statements)).doesNotContain("kairos_job_runs").contains("jobs_a_runs_job_idx");
    }

    @Test
    void theDefaultJobTableKeepsItsRunsInKairosJobRuns() {
        assertThat(TableName.parse("kairos_jobs").runs().qualified()).isEqualTo("kairos_job_runs");
        assertThat(TableName.parse("s.kairos_jobs").runs().qualified()).isEqualTo("s.kairos_job_runs");
        assertThat(TableName.parse("jobs").runs().qualified()).isEqualTo("jobs_runs");
    }

    @Test
    void liquibaseChangelogRunsTheSchemaScriptOfEachDatabase() throws IOException {
        String changelog = resource("db/changelog/kairos/db.changelog-kairos.yaml");
        for (String databaseId : List.of("postgresql", "mysql", "mariadb", "h2")) {
            assertThat(changelog).contains("dbms: " + databaseId + "\n      changes:\n        - sqlFile:\n            path: "
                    + SchemaScripts.resource(databaseId) + "\n");
        }
    }

    @Test
    void postgresqlAutovacuumMigrationOnlySetsStorageParameters() throws IOException {
        String migration = resource(PostgresStorageSettingsIT.AUTOVACUUM_MIGRATION);
        List<String> statements = SchemaScripts.statements(migration, TableName.parse(TableName.DEFAULT));
        assertThat(statements).singleElement().asString().startsWith("ALTER TABLE kairos_jobs SET (")
                .doesNotContainIgnoringCase("DROP").doesNotContainIgnoringCase("RESET");
        assertThat(migration).isEqualTo(SchemaScripts.readStorage("postgresql"));
        assertThat(resource("db/changelog/kairos/db.changelog-kairos.yaml")).contains("id: kairos-jobs-3-postgresql-autovacuum\n"
                + "      author: kairos\n      dbms: postgresql\n      changes:\n        - sqlFile:\n            path: "
                + SchemaScripts.storageResource("postgresql") + "\n");
        assertThat(SchemaScripts.readStorage("h2")).isNull();
    }

    @Test
    void postgresqlFailedRunsIndexMigrationOnlyReplacesTheOutcomeIndex() throws IOException {
        String migration = resource("db/migration/kairos/postgresql/V4__kairos_job_runs_failed_index.sql");
        assertThat(migration).isEqualTo(SchemaScripts.readRunsIndexes("postgresql"));
        assertThat(SchemaScripts.statements(migration, TableName.RUNS_DEFAULT, TableName.parse(TableName.DEFAULT).runs())).containsExactly(
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS kairos_job_runs_failed_idx ON kairos_job_runs (finished_at, run_id) "
                        + "WHERE outcome <> 'SUCCEEDED'",
                "DROP INDEX CONCURRENTLY IF EXISTS kairos_job_runs_outcome_idx");
        // CONCURRENTLY cannot run in a transaction: Flyway and Liquibase are told to run the script outside one
        assertThat(resource("db/migration/kairos/postgresql/V4__kairos_job_runs_failed_index.sql.conf"))
                .containsPattern("(?m)^executeInTransaction=false$");
        assertThat(resource("db/changelog/kairos/db.changelog-kairos.yaml")).contains("id: kairos-job-runs-4-postgresql-failed-index\n"
                + "      author: kairos\n      dbms: postgresql\n      runInTransaction: false\n      changes:\n        - sqlFile:\n"
                + "            path: " + SchemaScripts.runsIndexesResource("postgresql") + "\n");
        assertThat(SchemaScriptsTests.class.getClassLoader().getResource("db/migration/kairos/h2/V4__kairos_job_runs_failed_index.sql")).isNull();
    }

    @Test
    void theShippedPostgresqlV1IsUnchanged() throws IOException {
        // Flyway and Liquibase record a checksum of V1 / kairos-jobs-1-postgresql: changing the script fails every
        // existing installation at start-up. Later changes go in new scripts (V3: storage-postgresql.sql).
        CRC32 crc = new CRC32();
        crc.update(resource("db/migration/kairos/postgresql/V1__kairos_jobs.sql").getBytes(StandardCharsets.UTF_8));
        assertThat(Long.toHexString(crc.getValue())).isEqualTo(V1_POSTGRESQL_CRC32);
    }

    @Test
    void statementsPointAtTheConfiguredTable() {
        List<String> statements = SchemaScripts.statements(SchemaScripts.read("postgresql"), TableName.parse("sched.jobs_a"));
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0)).startsWith("CREATE TABLE IF NOT EXISTS sched.jobs_a (").doesNotContain("kairos_jobs");
        assertThat(statements.get(1)).isEqualTo("CREATE INDEX IF NOT EXISTS jobs_a_next_run_time_idx ON sched.jobs_a (next_run_time, id)");
    }
}
