package io.kairos.scheduler.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped schema scripts, their Flyway copies and the Liquibase changelog.
 */
class SchemaScriptsTests {

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
        assertThat(resource("db/changelog/kairos/db.changelog-kairos.yaml"))
                .contains("dbms: postgresql\n      changes:\n        - sqlFile:\n            path: "
                        + PostgresStorageSettingsIT.AUTOVACUUM_MIGRATION + "\n");
    }

    @Test
    void statementsPointAtTheConfiguredTable() {
        List<String> statements = SchemaScripts.statements(SchemaScripts.read("postgresql"), TableName.parse("sched.jobs_a"));
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0)).startsWith("CREATE TABLE IF NOT EXISTS sched.jobs_a (").doesNotContain("kairos_jobs");
        assertThat(statements.get(1)).isEqualTo("CREATE INDEX IF NOT EXISTS jobs_a_next_run_time_idx ON sched.jobs_a (next_run_time, id)");
    }
}
