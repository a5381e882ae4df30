package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.TestTrigger;
import io.kairos.scheduler.trigger.Trigger;

import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one scheduler-loop pass costs on PostgreSQL in round trips to the database (real PostgreSQL on
 * 127.0.0.1): each store call the loop makes is one statement, whatever the batch size.
 */
class PostgresRoundTripsIT {

    private static final String TABLE = "kairos_jobs_jdbc_round_trips_it";

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private HikariDataSource pool;

    private CountingDataSource counting;

    private JdbcJobStore store;

    @BeforeEach
    void start() throws SQLException {
        this.pool = JdbcJobStoreContractTests.openPool("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null, TABLE);
        this.counting = new CountingDataSource(this.pool);
        this.store = new JdbcJobStore(this.counting.dataSource(),
                JdbcJobStoreSettings.defaults().withTableName(TABLE).withCreateSchema(true).withListenForNotifications(false));
        this.store.start(new JobStoreContext("default", "round-trips", InstantSource.fixed(T0), TestTrigger.codec(), () -> { }));
        this.counting.take();
    }

    @AfterEach
    void stop() throws SQLException {
        this.store.shutdown();
        JdbcJobStoreContractTests.dropTable(this.pool, TABLE);
        this.pool.close();
    }

    private static StoredJob job(String id, Instant nextRunTime) {
        Trigger trigger = new TestTrigger(nextRunTime);
        return new StoredJob(id, id, "task", List.of(), Map.of(), trigger, "default", "default", null, true, 1, null, nextRunTime,
                nextRunTime, io.kairos.scheduler.store.JobState.SCHEDULED, null, 0, null);
    }

    @Test
    void everyCallOfALoopPassIsOneRoundTripWhateverTheBatchSize() {
        for (int i = 0; i < 100; i++) {
            this.store.addJob(job("job-" + i, T0.minusSeconds(1)), ConflictPolicy.ERROR);
        }
        assertThat(this.counting.take()).as("100 adds").isEqualTo(100);

        List<StoredJob> acquired = this.store.acquireDueJobs("round-trips", T0, 64, T0.plusSeconds(30));
        assertThat(acquired).hasSize(64);
        assertThat(this.counting.take()).as("acquire 64").isEqualTo(1);

        assertThat(this.store.extendLeases("round-trips", acquired.stream().map(StoredJob::id).toList(), T0.plusSeconds(60))).isEmpty();
        assertThat(this.counting.take()).as("extend 64 leases").isEqualTo(1);

        List<JobRelease> releases = new ArrayList<>();
        for (int i = 0; i < acquired.size(); i++) {
            StoredJob job = acquired.get(i);
            releases.add(i % 2 == 0 ? JobRelease.finished(job) : JobRelease.reschedule(job, T0.plusSeconds(5), T0.plusSeconds(5)));
        }
        this.store.releaseJobs("round-trips", releases);
        assertThat(this.counting.take()).as("release 64 (deletes and reschedules)").isEqualTo(1);

        assertThat(this.store.nextRunTime()).contains(T0.minusSeconds(1));
        assertThat(this.counting.take()).as("next run time").isEqualTo(1);

        assertThat(this.store.getAllJobs()).hasSize(100 - 32);
        assertThat(this.store.acquireDueJobs("round-trips", T0.plusSeconds(10), 100, T0.plusSeconds(40)))
                .extracting(StoredJob::version).containsOnly(1L, 2L);
    }

    @Test
    void updateIsOneRoundTrip() {
        StoredJob added = this.store.addJob(job("a", T0), ConflictPolicy.ERROR);
        this.counting.take();
        assertThat(this.store.updateJob(job("a", T0.plusSeconds(5))).version()).isEqualTo(added.version() + 1);
        assertThat(this.counting.take()).isEqualTo(1);
        assertThat(this.store.lookupJob("a")).map(StoredJob::nextRunTime).contains(T0.plusSeconds(5));
        assertThat(this.counting.take()).isEqualTo(1);
    }

    @Test
    void addingATakenIdIsOneRoundTripAndReportsTheConflict() {
        this.store.addJob(job("a", T0), ConflictPolicy.ERROR);
        this.counting.take();
        assertThat(this.store.addJob(job("a", T0.plusSeconds(9)), ConflictPolicy.KEEP_EXISTING).nextRunTime()).isEqualTo(T0);
        assertThat(this.counting.take()).as("keep existing: one look-up").isEqualTo(1);
    }
}
