package io.kairos.scheduler.benchmarks.e2e.peer;

import io.kairos.scheduler.benchmarks.e2e.BenchScheduler;
import io.kairos.scheduler.benchmarks.e2e.PeerConfig;
import io.kairos.scheduler.benchmarks.e2e.Probe;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code baseline-redis}, the Redis "physical limit": one sorted set {@code bench_baseline.run_times} (member = id,
 * score = due epoch ms); each of {@code threads} workers per instance owns one connection and loops on one Lua
 * script that does {@code ZRANGEBYSCORE -inf now LIMIT 0 64} and {@code ZREM}s what it returns, then runs those
 * jobs; sleeps the poll interval when nothing is due. No job data, no leases: not a scheduler.
 */
public final class BaselineRedis implements BenchScheduler {

    /** The Redis URI (system property {@code bench.redis.uri}). */
    public static final String URI = System.getProperty("bench.redis.uri", "redis://127.0.0.1:6379/0");

    private static final String KEY = "bench_baseline.run_times";

    private static final String CLAIM = "local r = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', "
            + "'LIMIT', 0, tonumber(ARGV[2])) "
            + "for i = 1, #r, 2 do redis.call('ZREM', KEYS[1], r[i]) end return r";

    private final PeerConfig config;

    private final RedisClient client = RedisClient.create(URI);

    private final StatefulRedisConnection<String, String> producer;

    private final List<Thread> workers = new ArrayList<>();

    private volatile boolean running = true;

    /** @param config threads, instances, poll interval */
    public BaselineRedis(PeerConfig config) {
        this.config = config;
        this.producer = this.client.connect();
        this.producer.sync().del(KEY);
        for (int i = 0; i < config.instances(); i++) {
            for (int t = 0; t < config.threads(); t++) {
                Thread w = new Thread(this::work, "baseline-redis-" + i + "-" + t);
                w.setDaemon(true);
                this.workers.add(w);
            }
        }
    }

    @Override
    public String variant() {
        return "lua(zrangebyscore+zrem),k=" + BaselinePg.BATCH + ",poll=" + this.config.pollMillis() + "ms,instances="
                + this.config.instances();
    }

    @Override
    public void start() {
        this.workers.forEach(Thread::start);
    }

    @Override
    public void schedule(int id, long dueEpochMillis) {
        this.producer.sync().zadd(KEY, dueEpochMillis, String.valueOf(id));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void load(int count, long dueEpochMillis) {
        List<ScoredValue<String>> batch = new ArrayList<>(1000);
        for (int i = 0; i < count; i++) {
            batch.add(ScoredValue.just(dueEpochMillis, String.valueOf(i)));
            if (batch.size() == 1000 || i == count - 1) {
                this.producer.sync().zadd(KEY, batch.toArray(ScoredValue[]::new));
                batch.clear();
            }
        }
    }

    private void work() {
        try (StatefulRedisConnection<String, String> c = this.client.connect()) {
            RedisCommands<String, String> redis = c.sync();
            String sha = redis.scriptLoad(CLAIM);
            String limit = String.valueOf(BaselinePg.BATCH);
            while (this.running) {
                List<String> r = redis.evalsha(sha, ScriptOutputType.MULTI, new String[] {KEY},
                        String.valueOf(System.currentTimeMillis()), limit);
                if (r.isEmpty()) {
                    Thread.sleep(this.config.pollMillis());
                    continue;
                }
                for (int i = 0; i < r.size(); i += 2) {
                    Probe.ran(Integer.parseInt(r.get(i)), (long) Double.parseDouble(r.get(i + 1)));
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException ex) {
            if (this.running) {
                ex.printStackTrace();
            }
        }
    }

    @Override
    public void close() throws Exception {
        this.running = false;
        for (Thread w : this.workers) {
            w.join(5_000);
        }
        this.producer.sync().del(KEY);
        this.producer.close();
        this.client.shutdown();
    }
}
