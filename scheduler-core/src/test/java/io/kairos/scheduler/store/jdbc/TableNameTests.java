package io.kairos.scheduler.store.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableNameTests {

    @Test
    void acceptsATableWithOrWithoutSchema() {
        assertThat(TableName.parse("kairos_jobs").qualified()).isEqualTo("kairos_jobs");
        TableName qualified = TableName.parse("Sched_1.Jobs_2");
        assertThat(qualified.schema()).isEqualTo("Sched_1");
        assertThat(qualified.table()).isEqualTo("Jobs_2");
        assertThat(qualified.qualified()).isEqualTo("Sched_1.Jobs_2");
        assertThat(qualified.channel()).isEqualTo("sched_1_jobs_2");
        assertThat(TableName.parse("_" + "x".repeat(39)).table()).hasSize(40);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "1jobs", "jobs;DROP TABLE users", "jobs--", "a.b.c", ".jobs", "jobs.", "jobs name", "\"jobs\"",
            "jöbs", "a_very_long_table_name_that_is_over_forty_chars" })
    void refusesAnythingButIdentifiers(String name) {
        assertThatThrownBy(() -> TableName.parse(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'").hasMessageContaining("valid: 'table' or 'schema.table'");
    }

    @Test
    void settingsValidateTheTableNameAtOnce() {
        assertThatThrownBy(() -> JdbcJobStoreSettings.defaults().withTableName("x; DELETE FROM y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x; DELETE FROM y");
        assertThatThrownBy(() -> new JdbcJobStoreSettings(null, false, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kairos_jobs");
        assertThat(JdbcJobStoreSettings.defaults().tableName()).isEqualTo("kairos_jobs");
    }
}
