package io.kairos.scheduler.store.jdbc;

import io.kairos.scheduler.history.RunError;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobStoreContext;
import io.kairos.scheduler.store.JobStoreException;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.TestTrigger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The job store contract on PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}), plus
 * {@code LISTEN/NOTIFY} wake-ups.
 */
class PostgresJdbcJobStoreIT extends JdbcJobStoreContractTests {

    private static final String TABLE = "kairos_jobs_pg_it";

    private static HikariDataSource dataSource;

    @BeforeAll
    static void createDataSource() throws SQLException {
        dataSource = openPool("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null, TABLE);
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

    @Override
    protected String jsonParameter() {
        return "CAST(? AS jsonb)";
    }

    @Test
    void anotherSchedulersChangeWakesThisScheduler() {
        AtomicInteger wakeups = new AtomicInteger();
        JdbcJobStore other = (JdbcJobStore) createStore();
        other.start(new JobStoreContext("default", B, InstantSource.fixed(T0), TestTrigger.codec(), wakeups::incrementAndGet));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> wakeups.get() >= 1);
            int afterConnect = wakeups.get();
            this.store.addJob(job("a", T0.plusSeconds(5)), ConflictPolicy.ERROR);
            await().atMost(Duration.ofSeconds(10)).until(() -> wakeups.get() > afterConnect);
        }
        finally {
            other.shutdown();
        }
    }

    @Test
    void aBatchOfAddsSendsOneNotification() throws SQLException {
        try (Connection listening = dataSource.getConnection(); Statement statement = listening.createStatement()) {
            statement.execute("LISTEN " + TABLE);
            this.store.addJobs(List.of(job("a", T0.plusSeconds(10)), job("b", T0.plusSeconds(5)), job("c", T0.plusSeconds(20))),
                    ConflictPolicy.ERROR);
            this.store.addJobs(List.of(job("p", T0).withNextRunTime(null, null)), ConflictPolicy.ERROR);
            statement.execute("NOTIFY " + TABLE + ", 'end'");
            List<String> payloads = new ArrayList<>();
            PGConnection pg = listening.unwrap(PGConnection.class);
            while (!payloads.contains("end")) {
                PGNotification[] notifications = pg.getNotifications(10_000);
                assertThat(notifications).as("notifications within 10 s").isNotNull();
                Arrays.stream(notifications).map(PGNotification::getParameter).forEach(payloads::add);
            }
            statement.execute("UNLISTEN " + TABLE);
            assertThat(payloads).containsExactly("v1:" + T0.plusSeconds(5).toEpochMilli() + ":" + A, "end");
        }
    }

    @Test
    void copyingNewJobsOverAnIdTakenMeanwhileInsertsNothingAndSaysSo() throws SQLException {
        // what JdbcBulkAdd meets when another writer inserts an id after the batch's locking select: it then rolls the
        // batch back and decides it again (the contract's concurrent batch test runs into it by chance)
        this.store.addJob(job("taken", T0), ConflictPolicy.ERROR);
        PgWrites pg = new PgWrites(new JobSql(TableName.parse(TABLE), new PostgresDialect()), TABLE, A);
        List<StoredJob> jobs = List.of(job("new", T0), job("taken", T0.plusSeconds(1)));
        List<String> json = jobs.stream().map(TestTrigger.codec()::encode).toList();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            assertThat(pg.insertAll(c, jobs, json)).isZero();
            c.rollback();
            assertThat(pg.insertAll(c, jobs.subList(0, 1), json.subList(0, 1))).isEqualTo(1);
            c.rollback();
            c.setAutoCommit(true);
        }
        assertThat(this.store.lookupJob("new")).isEmpty();
        assertThat(this.store.lookupJob("taken")).hasValueSatisfying((j) -> assertThat(j.nextRunTime()).isEqualTo(T0));
    }

    @Test
    void listenerReconnectsAfterItsConnectionIsKilled() throws SQLException {
        AtomicInteger wakeups = new AtomicInteger();
        JdbcJobStore other = (JdbcJobStore) createStore();
        other.start(new JobStoreContext("default", B, InstantSource.fixed(T0), TestTrigger.codec(), wakeups::incrementAndGet));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> wakeups.get() >= 1);
            int killed;
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                            + "WHERE pid <> pg_backend_pid() AND query = 'LISTEN " + TABLE + "'")) {
                rs.next();
                killed = rs.getInt(1);
            }
            assertThat(killed).isGreaterThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> wakeups.get() >= 2);
            int afterReconnect = wakeups.get();
            this.store.addJob(job("a", T0.plusSeconds(5)), ConflictPolicy.ERROR);
            await().atMost(Duration.ofSeconds(10)).until(() -> wakeups.get() > afterReconnect);
        }
        finally {
            other.shutdown();
        }
    }

    @Test
    void theCopyOfRunRecordsStoresEscapedAndNonAsciiTextAsIs() throws SQLException {
        // PgRunCopy itself: JdbcRunHistory falls back to row inserts when a COPY fails, which would hide a bad encoding
        Instant finished = T0.plusMillis(7);
        String unique = Long.toHexString(System.nanoTime());
        RunRecord odd = new RunRecord("copy-it-" + unique, unique + "j\tö\n€\\x\r😀", "nämé\t\\N", "t\\x", "default", "pool", T0, T0, T0, finished,
                RunOutcome.FAILED, 2, "i", new RunError("x.Y", "ünï 😀\n\\ ✓", "trace\r\n\tat x", false), "\"ß\"", false, true);
        String table = TABLE + "_runs";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            new PgRunCopy(table).copy(c, List.of(odd));
            c.commit();
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id, job_id, finished_at, outcome, run_data FROM " + table
                    + " WHERE job_id = ?")) {
                ps.setString(1, odd.jobId());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(JdbcRunHistory.readRows(rs)).containsExactly(odd);
                }
            }
            c.commit();
        }
    }

    @Test
    void takingAndExtendingALeaseUpdatesTheRowWithoutNewIndexEntries() throws SQLException {
        this.store.addJob(job("a", T0.minusSeconds(1)), ConflictPolicy.ERROR);
        long before = hotUpdates();
        assertThat(this.store.acquireDueJobs(A, T0, 1, T0.plusSeconds(60))).hasSize(1);
        assertThat(this.store.extendLeases(A, List.of("a"), T0.plusSeconds(90))).isEmpty();
        // a backend reports its statistics when idle, at most once a second (else up to 10 s later), and when it exits
        dataSource.getHikariPoolMXBean().softEvictConnections();
        // both updates are heap-only (HOT): the page has room, and no index covers the lease columns
        await().atMost(Duration.ofSeconds(10)).until(() -> hotUpdates() - before >= 2);
    }

    @Test
    void aCallThatWaitsForTheDatabaseLongerThanTheTimeoutFailsInsteadOfBlocking() throws Exception {
        this.store.addJob(job("locked", T0.plusSeconds(5)), ConflictPolicy.ERROR);
        JdbcJobStore bounded = new JdbcJobStore(dataSource, JdbcJobStoreSettings.defaults().withTableName(TABLE)
                .withListenForNotifications(false).withTimeout(Duration.ofMillis(500)));
        bounded.start(context(A));
        ScheduledExecutorService valve = Executors.newSingleThreadScheduledExecutor();
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.executeQuery("SELECT id FROM " + TABLE + " WHERE id = 'locked' FOR UPDATE").close();
            }
            // a database that stops answering, as seen from the store: its row lock is held until the call gives up;
            // the valve lets a call without a bound end the test (and fail it) instead of hanging it
            valve.schedule(() -> {
                locker.rollback();
                return null;
            }, 60, TimeUnit.SECONDS);
            assertThatThrownBy(() -> bounded.removeJob("locked")).isInstanceOf(JobStoreException.class)
                    .hasMessageContaining("could not remove job locked");
            locker.rollback();
        }
        finally {
            valve.shutdownNow();
            bounded.shutdown();
        }
        // the pool's connections keep their own network timeout (the store restores it after each call)
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getNetworkTimeout()).isZero();
        }
    }

    // heap-only tuple (HOT) updates of the table so far, as the statistics system reports them
    private static long hotUpdates() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = '" + TABLE + "'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
