package io.kairos.scheduler.benchmarks.e2e;

import io.kairos.scheduler.history.RunCursor;
import io.kairos.scheduler.history.RunHistory;
import io.kairos.scheduler.history.RunIds;
import io.kairos.scheduler.history.RunOutcome;
import io.kairos.scheduler.history.RunQuery;
import io.kairos.scheduler.history.RunRecord;
import io.kairos.scheduler.store.memory.MemoryJobStore;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The memory run history's share of the W1 burst, without the scheduler around it: records N runs of N distinct
 * one-shot jobs into a fresh {@link MemoryJobStore}'s history in batches as the recorder's writer does (each batch's
 * records made just before it is recorded, outside the measured time), then N more
 * runs of other jobs into the now full history (each drops the oldest), then reads: 100 pages of 100 of all runs
 * (each page after the previous one's cursor), 10,000 single-job queries and 100 {@code lastRuns} calls of 1000 ids.
 * The runs come about 250 per millisecond, in finish order except that one in eight swaps places with the one before
 * (records of several worker threads reach the queue a little out of order). Reports the calling thread's CPU time
 * (not wall time, so that other processes on a shared machine weigh less) per run recorded and per read, the median
 * over the second half of the rounds (the first half warms the JIT up). In the last round it also reports the heap a
 * full history keeps per run (used heap after full collections, with and without the history, divided by N; the job
 * ids are not counted, as the benchmark holds them anyway).
 *
 * <pre>java -cp scheduler-benchmarks/target/benchmarks.jar io.kairos.scheduler.benchmarks.e2e.MemoryRunHistoryCost [N=100000] [rounds=12] [batch=2000]</pre>
 */
public final class MemoryRunHistoryCost {

    private MemoryRunHistoryCost() {
    }

    /**
     * @param args run count, rounds and batch size, all optional
     */
    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<Long> fresh = new ArrayList<>();
        List<Long> full = new ArrayList<>();
        List<Long> pages = new ArrayList<>();
        List<Long> jobReads = new ArrayList<>();
        List<Long> lastRuns = new ArrayList<>();
        long t0 = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
        double bytesPerRun = Double.NaN;
        for (int round = 0; round < rounds; round++) {
            List<List<RunRecord>> first = batches(runs(n, t0, 1), batchSize);
            List<List<RunRecord>> second = batches(runs(n, t0 + n / 250 + 1, 2), batchSize);
            boolean lastRound = round == rounds - 1;
            long heapBefore = lastRound ? MemoryWorkloads.usedHeap() : 0;
            RunHistory history = new MemoryJobStore(1000, n).runHistory();
            long recording = record(history, first, cpu);
            if (lastRound) {
                bytesPerRun = (double) (MemoryWorkloads.usedHeap() - heapBefore) / n;
                Reference.reachabilityFence(first); // its job ids are held through both readings
            }
            long refilling = record(history, second, cpu);
            long refilled = cpu.getCurrentThreadCpuTime();
            RunQuery page = RunQuery.all().withLimit(100);
            int seen = 0;
            for (int p = 0; p < 100; p++) {
                List<RunRecord> runs = history.findRuns(page);
                seen += runs.size();
                RunCursor last = runs.get(runs.size() - 1).cursor();
                page = page.after(last);
            }
            long paged = cpu.getCurrentThreadCpuTime();
            List<RunRecord> sample = second.get(0);
            for (int i = 0; i < 10_000; i++) {
                seen += history.findRuns(RunQuery.ofJob(sample.get(i % sample.size()).jobId())).size();
            }
            long jobsRead = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 100; i++) {
                List<String> ids = new ArrayList<>(1000);
                for (int j = 0; j < 1000; j++) {
                    List<RunRecord> batch = second.get((i + j) % second.size());
                    ids.add(batch.get(j % batch.size()).jobId());
                }
                seen += history.lastRuns(ids).size();
            }
            long lastRead = cpu.getCurrentThreadCpuTime();
            if (seen == 0) {
                throw new IllegalStateException("nothing read");
            }
            if (round >= rounds / 2) {
                fresh.add(recording / n);
                full.add(refilling / n);
                pages.add((paged - refilled) / 100);
                jobReads.add((jobsRead - paged) / 10_000);
                lastRuns.add((lastRead - jobsRead) / 100);
            }
        }
        System.out.printf("MemoryRunHistoryCost N=%d batch=%d: record %d ns/run (fresh), %d ns/run (full, drops oldest); findRuns all"
                + " page of 100 %d ns, findRuns job %d ns, lastRuns of 1000 ids %d ns (thread CPU, median of %d rounds); full history"
                + " keeps %.0f B per run%n", n, batchSize, median(fresh), median(full), median(pages), median(jobReads), median(lastRuns),
                fresh.size(), bytesPerRun);
    }

    /**
     * Records the batches, each copied just before but for the job ids (the writer drains records the workers made
     * just before, each with its own instants, for jobs added earlier), and returns the CPU time of the {@code record} calls alone.
     */
    private static long record(RunHistory history, List<List<RunRecord>> batches, ThreadMXBean cpu) {
        long spent = 0;
        for (List<RunRecord> batch : batches) {
            List<RunRecord> fresh = new ArrayList<>(batch.size());
            for (RunRecord run : batch) {
                fresh.add(new RunRecord(new String(run.runId().toCharArray()), run.jobId(), run.jobName(), run.task(), run.jobStore(), run.executor(),
                        copy(run.scheduledAt()), copy(run.submittedAt()), copy(run.startedAt()), copy(run.finishedAt()), run.outcome(),
                        run.attempt(), run.instance(), null, null, false, false));
            }
            long start = cpu.getCurrentThreadCpuTime();
            history.record(fresh);
            spent += cpu.getCurrentThreadCpuTime() - start;
        }
        return spent;
    }

    private static Instant copy(Instant time) {
        return Instant.ofEpochMilli(time.toEpochMilli());
    }

    private static long median(List<Long> values) {
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    /** N runs of N distinct jobs, 250 per millisecond from {@code fromMillis}, one in eight swapped with the one before. */
    private static List<RunRecord> runs(int n, long fromMillis, long seed) {
        Random random = new Random(seed);
        List<RunRecord> runs = new ArrayList<>(n);
        Instant scheduled = Instant.ofEpochMilli(fromMillis);
        for (int i = 0; i < n; i++) {
            String jobId = UUID.randomUUID().toString();
            jobId.hashCode(); // as the job table's map did when the job was added
            Instant finished = Instant.ofEpochMilli(fromMillis + i / 250);
            String runId = RunIds.of(finished.toEpochMilli(), (seed << 24) + i, 0x5ca1ab1e);
            runs.add(new RunRecord(runId, jobId, "job", "task", "default", "default", scheduled, scheduled, scheduled, finished,
                    RunOutcome.SUCCEEDED, 1, "bench", null, null, false, false));
        }
        for (int i = 1; i < n; i++) {
            if (random.nextInt(8) == 0) {
                Collections.swap(runs, i - 1, i);
            }
        }
        return runs;
    }

    private static List<List<RunRecord>> batches(List<RunRecord> runs, int size) {
        List<List<RunRecord>> batches = new ArrayList<>();
        for (int i = 0; i < runs.size(); i += size) {
            batches.add(new ArrayList<>(runs.subList(i, Math.min(runs.size(), i + size))));
        }
        return batches;
    }
}
