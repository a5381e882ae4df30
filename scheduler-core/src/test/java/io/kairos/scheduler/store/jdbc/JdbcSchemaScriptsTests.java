package io.kairos.scheduler.store.jdbc;

import java.util.List;

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
        assertThat(JdbcSchemaScripts.RUNS_INDEXES_LOCATION.replace("@@platform@@", "postgresql"))
            .isEqualTo("classpath:" + SchemaScripts.runsIndexesResource("postgresql"));
    }

    @Test
    void anIndexALaterScriptDropsIsNotCreatedByAnEarlierOne() {
        String indexes = SchemaScripts.readRunsIndexes("postgresql");
        assertThat(indexes).isNotNull();
        List<String> scripts = JdbcSchemaScripts.forTable(List.of(SchemaScripts.readRuns("postgresql"), indexes), "sched.jobs_a");
        assertThat(scripts).hasSize(2);
        assertThat(scripts.get(0)).contains("jobs_a_runs_job_idx", "jobs_a_runs_finished_idx").doesNotContain("outcome_idx");
        assertThat(scripts.get(1)).isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS jobs_a_runs_failed_idx ON sched.jobs_a_runs "
                + "(finished_at, run_id) WHERE outcome <> 'SUCCEEDED';\nDROP INDEX CONCURRENTLY IF EXISTS sched.jobs_a_runs_outcome_idx;\n");
        // one script alone, and the databases without index changes, keep the outcome index
        assertThat(JdbcSchemaScripts.forTable(SchemaScripts.readRuns("postgresql"), "sched.jobs_a")).contains("jobs_a_runs_outcome_idx");
        assertThat(SchemaScripts.readRunsIndexes("mariadb")).isNull();
    }

    @Test
    void anInvalidTableNameIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> JdbcSchemaScripts.forTable("", "jobs; drop table x"))
            .withMessageContaining("jobs; drop table x");
    }
}
