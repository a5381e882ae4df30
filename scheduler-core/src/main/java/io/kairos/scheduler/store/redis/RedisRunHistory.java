package io.kairos.scheduler.store.redis;

import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.history.RunOrder;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.history.RunRetention;
import io.kairos.scheduler.store.RunRecordCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ValueScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;

/**
 * The Redis store's run history, under the prefix {@code <jobs key>:}: the records' JSON in the hash
 * {@code <prefix>runs}, run ids in sorted sets scored by finish time (all runs, per job, per outcome) and the set of
 * jobs with runs. Each write is one Lua script (all keys change together), capped at {@value #MAX_RUNS_PER_JOB} runs
 * per job and {@value #MAX_RUNS} in total; the retention removes more, in batches, under a lease key so that one
 * scheduler at a time does it. Thread-safe.
 */
final class RedisRunHistory implements RunHistory {

    /** The most runs kept per job whatever the retention says (the oldest go at write). */
    static final int MAX_RUNS_PER_JOB = 1000;

    /** The most runs kept in the store whatever the retention says (the oldest go at write). */
    static final int MAX_RUNS = 1_000_000;

    private static final Duration LEASE_TIME = Duration.ofMinutes(5);

    private static final LuaScript RECORD = LuaScript.load("runs_record", "runs_remove");

    private static final LuaScript EXPIRE = LuaScript.load("runs_expire", "runs_remove");

    private static final LuaScript LAST = LuaScript.load("runs_last");

    private final String prefix;

    private final Runner runner;

    /** Runs a Redis command, turning failures into store exceptions. */
    interface Runner {

        <T> T run(String what, Function<RedisCommands<String, String>, T> command);
    }

    RedisRunHistory(String prefix, Runner runner) {
        this.prefix = prefix;
        this.runner = runner;
    }

    @Override
    public void record(List<RunRecord> runs) {
        if (runs.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(3 + runs.size() * 5);
        args.add(this.prefix);
        args.add(Integer.toString(MAX_RUNS_PER_JOB));
        args.add(Integer.toString(MAX_RUNS));
        for (RunRecord run : runs) {
            args.add(run.runId());
            args.add(run.jobId());
            args.add(run.outcome().name());
            args.add(Long.toString(run.finishedAt().toEpochMilli()));
            args.add(RunRecordCodec.write(run));
        }
        this.runner.run("record runs", (redis) -> RECORD.run(redis, ScriptOutputType.INTEGER, new String[0], args.toArray(String[]::new)));
    }

    @Override
    public List<RunRecord> findRuns(RunQuery query) {
        List<String> sources = new ArrayList<>();
        if (query.jobId() != null) {
            sources.add(this.prefix + "runs:job:" + query.jobId());
        }
        else if (query.outcomes().isEmpty()) {
            sources.add(this.prefix + "runs:all");
        }
        else {
            query.outcomes().forEach((outcome) -> sources.add(this.prefix + "runs:outcome:" + outcome.name()));
        }
        List<RunRecord> merged = new ArrayList<>();
        for (String source : sources) {
            merged.addAll(this.runner.run("read runs", (redis) -> collect(redis, source, query)));
        }
        merged.sort(RunOrder.RECORDS_NEWEST_FIRST);
        return merged.size() > query.limit() ? List.copyOf(merged.subList(0, query.limit())) : merged;
    }

    /** Pages newest first through one sorted set, keeping the records that match, until the limit is reached. */
    private List<RunRecord> collect(RedisCommands<String, String> redis, String key, RunQuery query) {
        long upper = Long.MAX_VALUE;
        boolean upperIncluded = true;
        if (query.until() != null) {
            upper = query.until().toEpochMilli();
            upperIncluded = false;
        }
        if (query.after() != null && query.after().finishedAt().toEpochMilli() < upper + (upperIncluded ? 1 : 0)) {
            upper = query.after().finishedAt().toEpochMilli();
            upperIncluded = true;
        }
        Range.Boundary<Double> max = upper == Long.MAX_VALUE ? Range.Boundary.unbounded()
                : upperIncluded ? Range.Boundary.including((double) upper) : Range.Boundary.excluding((double) upper);
        Range.Boundary<Double> min = query.since() == null ? Range.Boundary.unbounded()
                : Range.Boundary.including((double) query.since().toEpochMilli());
        Range<Double> range = Range.from(min, max);
        int chunk = Math.max(100, query.limit());
        List<RunRecord> found = new ArrayList<>();
        for (long offset = 0;; offset += chunk) {
            List<ScoredValue<String>> ids = redis.zrevrangebyscoreWithScores(key, range, Limit.create(offset, chunk));
            if (ids.isEmpty()) {
                return found;
            }
            List<KeyValue<String, String>> rows = redis.hmget(this.prefix + "runs", ids.stream().map(ScoredValue::getValue)
                    .toArray(String[]::new));
            for (KeyValue<String, String> row : rows) {
                if (row.hasValue()) {
                    RunRecord run = RunRecordCodec.read(row.getValue());
                    if (query.matches(run)) {
                        found.add(run);
                        if (found.size() == query.limit()) {
                            return found;
                        }
                    }
                }
            }
            if (ids.size() < chunk) {
                return found;
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One Lua script ({@code runs_last.lua}): per job, the top of its sorted set and one hash read.
     */
    @Override
    public Map<String, RunRecord> lastRuns(Collection<String> jobIds) {
        List<String> ids = RunHistory.checkJobIds(jobIds);
        Map<String, RunRecord> newest = new HashMap<>();
        if (ids.isEmpty()) {
            return newest;
        }
        List<String> args = new ArrayList<>(ids.size() + 1);
        args.add(this.prefix);
        args.addAll(ids);
        List<@Nullable Object> found = this.runner.run("read last runs",
                (redis) -> LAST.run(redis, ScriptOutputType.MULTI, new String[0], args.toArray(String[]::new)));
        for (int i = 0; i < ids.size() && i < found.size(); i++) {
            if (found.get(i) instanceof String json) {
                newest.put(ids.get(i), RunRecordCodec.read(json));
            }
        }
        return newest;
    }

    @Override
    public int removeExpiredRuns(String schedulerId, RunRetention retention, Instant now, int batchSize) {
        String oldest = Long.toString(now.minus(retention.maxAge()).toEpochMilli());
        int removed = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor from = cursor;
            ValueScanCursor<String> jobs = this.runner.run("list jobs with runs",
                    (redis) -> redis.sscan(this.prefix + "runs:jobs", from, ScanArgs.Builder.limit(500)));
            List<String> args = new ArrayList<>(List.of(this.prefix, schedulerId, Long.toString(now.toEpochMilli()),
                    Long.toString(now.plus(LEASE_TIME).toEpochMilli()), oldest,
                    Integer.toString(retention.maxRunsPerJob()), Integer.toString(batchSize - removed)));
            args.addAll(jobs.getValues());
            Long result = this.runner.run("remove expired runs",
                    (redis) -> EXPIRE.run(redis, ScriptOutputType.INTEGER, new String[0], args.toArray(String[]::new)));
            if (result < 0) {
                return 0;
            }
            removed += result.intValue();
            cursor = jobs;
        }
        while (!cursor.isFinished() && removed < batchSize);
        return removed;
    }
}
