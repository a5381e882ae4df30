package io.kairos.scheduler.store.jdbc;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JdbcSchemaScriptsTests {

    @ParameterizedTest
    @ValueSource(strings = { "postgresql", "mysql", "mariadb", "h2" })
    void scriptsAreRewrittenForTheConfiguredTable(String databaseId) {
        String jobs = JdbcSchemaScripts.forTable(SchemaScripts.read(databaseId), "sched.jobs_a");
        String runs = JdbcSchemaScripts.forTable(SchemaScripts.readRuns(databaseId), "sched.jobs_a");
        assertThat(jobs).contains("CREATE TABLE IF NOT EXISTS sched.jobs_a (").doesNotContain("kairos_jobs").doesNotContain("--")
            .endsWith(";\n");
        assertThat(runs).contains("CREATE TABLE IF NOT EXISTS sched.jobs_a_runs (", "jobs_a_runs_job_idx")
            .doesNotContain("kairos_job");
    }

    @Test
    void theDefaultTableKeepsTheShippedNames() {
        assertThat(JdbcSchemaScripts.forTable(SchemaScripts.readRuns("h2"), "kairos_jobs"))
            .contains("CREATE TABLE IF NOT EXISTS kairos_job_runs (");
    }

    @Test
    void locationsNameTheShippedScripts() {
        assertThat(JdbcSchemaScripts.SCHEMA_LOCATION.replace("@@platform@@", "h2"))
            .isEqualTo("classpath:" + SchemaScripts.resource("h2"));
        assertThat(JdbcSchemaScripts.RUNS_LOCATION.replace("@@platform@@", "h2"))
            .isEqualTo("classpath:" + SchemaScripts.runsResource("h2"));
        assertThat(JdbcSchemaScripts.STORAGE_LOCATION.replace("@@platform@@", "postgresql"))
            .isEqualTo("classpath:" + SchemaScripts.storageResource("postgresql"));
    }

    @Test
    void anInvalidTableNameIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> JdbcSchemaScripts.forTable("", "jobs; drop table x"))
            .withMessageContaining("jobs; drop table x");
    }
}
