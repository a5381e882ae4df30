package io.kairos.scheduler.benchmarks.e2e;

import io.kairos.scheduler.store.ConflictPolicy;
import io.kairos.scheduler.store.JobRelease;
import io.kairos.scheduler.store.JobState;
import io.kairos.scheduler.store.StoredJob;
import io.kairos.scheduler.store.memory.MemoryJobStore;
import io.kairos.scheduler.trigger.DateTrigger;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The memory store's own share of the W1 burst, without the scheduler around it: adds N one-shot date jobs due
 * now to a fresh {@link MemoryJobStore}, then acquires them 256 at a time and releases each (removed) as the loop
 * does after its run. Reports the calling thread's CPU time (not wall time, so that other processes on a shared
 * machine weigh less) per job for the adds and for acquire + release, the median over the second half of the
 * rounds (the first half warms the JIT up).
 *
 * <pre>java -cp scheduler-benchmarks/target/benchmarks.jar io.kairos.scheduler.benchmarks.e2e.MemoryStoreCost [N=100000] [rounds=12]</pre>
 */
public final class MemoryStoreCost {

    private MemoryStoreCost() {
    }

    /**
     * @param args job count and rounds, both optional
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Instant now = Instant.now();
        List<Long> adds = new ArrayList<>();
        List<Long> runs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            MemoryJobStore store = new MemoryJobStore();
            List<StoredJob> jobs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Instant due = now.plusNanos(i);
                jobs.add(new StoredJob(UUID.randomUUID().toString(), "n", "t", List.of(i), Map.of(), new DateTrigger(due.atZone(ZoneOffset.UTC)),
                        "default", "default", null, true, 1, null, due, due, JobState.SCHEDULED, null, 1, null));
            }
            long start = cpu.getCurrentThreadCpuTime();
            for (StoredJob job : jobs) {
                store.addJob(job, ConflictPolicy.ERROR);
            }
            long added = cpu.getCurrentThreadCpuTime();
            Instant later = now.plusSeconds(10);
            Instant leaseUntil = now.plusSeconds(100);
            int done = 0;
            while (done < n) {
                List<StoredJob> acquired = store.acquireDueJobs("bench", later, 256, leaseUntil);
                List<JobRelease> releases = new ArrayList<>(acquired.size());
                for (StoredJob job : acquired) {
                    releases.add(new JobRelease(job.id(), job.version(), null, null, true, false));
                }
                store.releaseJobs("bench", releases);
                done += acquired.size();
            }
            long ran = cpu.getCurrentThreadCpuTime();
            if (round >= rounds / 2) {
                adds.add((added - start) / n);
                runs.add((ran - added) / n);
            }
        }
        Collections.sort(adds);
        Collections.sort(runs);
        System.out.printf("MemoryStoreCost N=%d: add %d ns/job, acquire+release %d ns/job (thread CPU, median of %d rounds)%n", n,
                adds.get(adds.size() / 2), runs.get(runs.size() / 2), runs.size());
    }
}
