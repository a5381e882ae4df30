package io.kairos.scheduler;

import io.kairos.scheduler.event.JobBroken;
import io.kairos.scheduler.event.JobExecuted;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.jdbc.JdbcJobStore;
import io.kairos.scheduler.store.jdbc.JdbcJobStoreSettings;
import io.kairos.scheduler.task.SampleJobs;
import io.kairos.scheduler.task.TaskNotAllowedException;
import io.kairos.scheduler.task.Tasks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A job store is untrusted input: a task name read from it (or given to {@code addJob}) resolves only to registered
 * tasks and to classes under the allowed task packages. Anything else is refused when added, and a stored job naming
 * it is marked broken, kept and never run. The store here is H2 through the JDBC store, rewritten with plain SQL as
 * someone with write access to the database would.
 */
class TaskTrustTests extends SchedulerTestSupport {

    private static final String TABLE = "kairos_jobs_task_trust_tests";

    private static final String ALLOWED = SampleJobs.class.getPackageName();

    @TempDir
    Path dir;

    @Test
    void aTaskOutsideTheAllowedPackagesIsRefusedWhenAdded() throws Exception {
        Path victim = Files.createFile(this.dir.resolve("victim.txt"));
        build((b) -> b.allowTaskPackages(ALLOWED)).start();

        assertThatThrownBy(() -> this.scheduler.addJob(JobRequest.of("java.nio.file.Files::delete").id("rm")
                .args(victim.toString())))
                .isInstanceOf(TaskNotAllowedException.class)
                .hasMessageContaining("class 'java.nio.file.Files' is outside the allowed task packages [" + ALLOWED + "]");
        assertThat(this.scheduler.getJob("rm")).isEmpty();
        assertThat(victim).exists();

        this.scheduler.addJob(JobRequest.of(Tasks.ref(SampleJobs.class, "greet")).id("ok").args("Ada"));
        assertThat(awaitEvents(JobExecuted.class, 1).get(0).returnValue()).isEqualTo("hello Ada");
    }

    @Test
    void withoutConfigurationOnlyRegisteredTasksRun() {
        build().start();

        assertThatThrownBy(() -> this.scheduler.addJob(JobRequest.of(Tasks.ref(SampleJobs.class, "purge"))))
                .isInstanceOf(TaskNotAllowedException.class)
                .hasMessageContaining("(none are allowed: the default)");
        this.scheduler.addJob(JobRequest.of("record").id("registered").args(1));
        awaitEvents(JobExecuted.class, 1);
        assertThat(this.runs).containsExactly(java.util.List.of(1));
    }

    @Test
    void theFlatKeyAllowsPackagesAndRejectsWhatIsNoPackageNamingTheKey() {
        build((b) -> b.properties(Map.of("kairos.tasks.allowed-packages", "com.acme, " + ALLOWED)));
        assertThat(this.scheduler.taskRegistry().allowedPackages().packages()).containsExactly("com.acme", ALLOWED);

        assertThatThrownBy(() -> Scheduler.builder().properties(Map.of("kairos.tasks.allowed-packages", "com.acme.*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'kairos.tasks.allowed-packages': allowed task package 'com.acme.*' is not a Java"
                        + " package name");
    }

    @Test
    void aStoredJobRewrittenToATaskOutsideTheAllowedPackagesIsMarkedBrokenKeptAndNeverRun() throws Exception {
        Path victim = Files.createFile(this.dir.resolve("victim.txt"));
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:kairos_task_trust;DB_CLOSE_DELAY=-1");
        execute(h2, "DROP TABLE IF EXISTS " + TABLE);
        JdbcJobStore store = new JdbcJobStore(h2, JdbcJobStoreSettings.defaults().withTableName(TABLE).withCreateSchema(true));
        build((b) -> b.allowTaskPackages(ALLOWED).jobStore("default", store)).start();
        this.scheduler.addJob(JobRequest.of("record").id("j").args("harmless")
                .trigger(Map.of("type", "date", "run_date", T0.plus(Duration.ofMinutes(1)).toString())));

        String json = jobData(h2, "j");
        assertThat(json).contains("\"task\":\"record\"").contains("\"args\":[\"harmless\"]");
        execute(h2, "UPDATE " + TABLE + " SET job_data = ? WHERE id = 'j'", json
                .replace("\"task\":\"record\"", "\"task\":\"java.nio.file.Files::delete\"")
                .replace("\"args\":[\"harmless\"]", "\"args\":[\"" + victim.toString().replace("\\", "\\\\") + "\"]"));
        advance(Duration.ofMinutes(1));

        JobBroken broken = awaitEvents(JobBroken.class, 1).get(0);
        assertThat(broken.jobId()).isEqualTo("j");
        assertThat(broken.reason()).startsWith("task 'java.nio.file.Files::delete' is not allowed: class"
                + " 'java.nio.file.Files' is outside the allowed task packages [" + ALLOWED + "]");
        Job job = this.scheduler.getJob("j").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.BROKEN);
        assertThat(job.brokenReason()).hasValue(broken.reason());
        assertThat(victim).exists();
        assertThat(this.runs).isEmpty();
        assertThatThrownBy(() -> this.scheduler.resumeJob("j")).isInstanceOf(TaskNotAllowedException.class);
        assertThat(this.scheduler.getJob("j")).isPresent();
    }

    private static String jobData(JdbcDataSource dataSource, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT job_data FROM " + TABLE + " WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    private static void execute(JdbcDataSource dataSource, String sql, String... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (parameters.length == 0) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
                return;
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setString(i + 1, parameters[i]);
                }
                statement.executeUpdate();
            }
        }
    }
}
