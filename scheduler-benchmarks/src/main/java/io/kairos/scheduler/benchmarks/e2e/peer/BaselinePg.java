package io.kairos.scheduler.benchmarks.e2e.peer;

import io.kairos.scheduler.benchmarks.e2e.BenchScheduler;
import io.kairos.scheduler.benchmarks.e2e.Db;
import io.kairos.scheduler.benchmarks.e2e.PeerConfig;
import io.kairos.scheduler.benchmarks.e2e.Probe;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code baseline-pg}, the PostgreSQL "physical limit": table {@code bench_jobs(id, due_at, picked, picked_by)}
 * with a partial index on {@code due_at where not picked}; each of {@code threads} workers per instance owns one
 * connection and loops: claim up to k=64 due rows with {@code UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP
 * LOCKED) RETURNING}, run them, {@code DELETE … WHERE id = ANY(?)}; sleeps the poll interval when nothing is due.
 * No heartbeat, no recovery, no serialization: not a scheduler.
 */
public final class BaselinePg implements BenchScheduler {

    static final int BATCH = 64;

    private final PeerConfig config;

    private final List<Thread> workers = new ArrayList<>();

    private final Connection producer;

    private PreparedStatement insert;

    private volatile boolean running = true;

    /** @param config threads, instances, poll interval */
    public BaselinePg(PeerConfig config) throws SQLException {
        this.config = config;
        Db.exec("DROP TABLE IF EXISTS bench_jobs",
                "CREATE TABLE bench_jobs (id int primary key, due_at timestamptz not null, picked boolean not null "
                        + "default false, picked_by text)",
                "CREATE INDEX bench_jobs_due_idx ON bench_jobs (due_at) WHERE NOT picked");
        this.producer = Db.connect();
        this.insert = this.producer.prepareStatement("INSERT INTO bench_jobs (id, due_at) VALUES (?, ?)");
        for (int i = 0; i < config.instances(); i++) {
            for (int t = 0; t < config.threads(); t++) {
                String name = "baseline-pg-" + i + "-" + t;
                Thread w = new Thread(() -> work(name), name);
                w.setDaemon(true);
                this.workers.add(w);
            }
        }
    }

    @Override
    public String variant() {
        return "update-skip-locked-returning+delete-any,k=" + BATCH + ",poll=" + this.config.pollMillis()
                + "ms,instances=" + this.config.instances();
    }

    @Override
    public void start() {
        this.workers.forEach(Thread::start);
    }

    @Override
    public void schedule(int id, long dueEpochMillis) throws SQLException {
        this.insert.setInt(1, id);
        this.insert.setTimestamp(2, new Timestamp(dueEpochMillis));
        this.insert.executeUpdate();
    }

    @Override
    public void load(int count, long dueEpochMillis) throws SQLException {
        this.producer.setAutoCommit(false);
        for (int i = 0; i < count; i++) {
            this.insert.setInt(1, i);
            this.insert.setTimestamp(2, new Timestamp(dueEpochMillis));
            this.insert.addBatch();
            if (i % 1000 == 999 || i == count - 1) {
                this.insert.executeBatch();
            }
        }
        this.producer.commit();
        this.producer.setAutoCommit(true);
    }

    private void work(String name) {
        try (Connection c = Db.connect();
                PreparedStatement claim = c.prepareStatement("UPDATE bench_jobs SET picked = true, picked_by = ? "
                        + "WHERE id IN (SELECT id FROM bench_jobs WHERE NOT picked AND due_at <= now() "
                        + "ORDER BY due_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED) RETURNING id, due_at");
                PreparedStatement delete = c.prepareStatement("DELETE FROM bench_jobs WHERE id = ANY(?)")) {
            claim.setString(1, name);
            Integer[] ids = new Integer[BATCH];
            while (this.running) {
                int k = 0;
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        ids[k] = rs.getInt(1);
                        Probe.ran(ids[k], rs.getTimestamp(2).getTime());
                        k++;
                    }
                }
                if (k == 0) {
                    Thread.sleep(this.config.pollMillis());
                    continue;
                }
                Array array = c.createArrayOf("int4", java.util.Arrays.copyOf(ids, k));
                delete.setArray(1, array);
                delete.executeUpdate();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (SQLException ex) {
            if (this.running) {
                ex.printStackTrace();
            }
        }
    }

    @Override
    public void close() throws Exception {
        this.running = false;
        for (Thread w : this.workers) {
            w.interrupt();
            w.join(5_000);
        }
        this.producer.close();
        Db.exec("DROP TABLE IF EXISTS bench_jobs");
    }
}
